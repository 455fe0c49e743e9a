import { useEffect } from 'react';

export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Streamlab` : 'Streamlab: event streaming and Kafka in production';
  }, [title]);
}
