import { ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import type { Lang } from '../../i18n/format';

const useStyles = makeStyles({
  group: {
    display: 'inline-flex',
    columnGap: tokens.spacingHorizontalXXS,
  },
});

/** Each language is named in itself, so a planner who cannot read the current one still finds theirs. */
const NAMES: Record<Lang, string> = { ja: '日本語', en: 'English' };

export function LanguageSwitch({ lang, label, onChange }: { lang: Lang; label: string; onChange: (lang: Lang) => void }) {
  const styles = useStyles();
  return (
    <div role="group" aria-label={label} className={styles.group}>
      {(Object.keys(NAMES) as Lang[]).map((l) => (
        <ToggleButton
          key={l}
          size="small"
          appearance={l === lang ? 'primary' : 'secondary'}
          checked={l === lang}
          lang={l}
          onClick={() => onChange(l)}
        >
          {NAMES[l]}
        </ToggleButton>
      ))}
    </div>
  );
}
