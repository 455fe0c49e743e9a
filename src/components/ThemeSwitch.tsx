import { useStore } from '../store';
import { themes, type Theme } from '../store/slices/prefs';

const labels: Record<Theme, string> = { system: 'Auto', light: 'Light', dark: 'Dark' };

export function ThemeSwitch() {
  const theme = useStore((s) => s.prefs.theme);
  const setTheme = useStore((s) => s.setTheme);
  return (
    <fieldset className="theme-switch">
      <legend>Theme</legend>
      {themes.map((t) => (
        <label key={t}>
          <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => setTheme(t)} />
          <span>{labels[t]}</span>
        </label>
      ))}
    </fieldset>
  );
}
