/**
 * Adds a user with an initial passphrase the administrator hands over in person; the new user should
 * change it at once (Settings), which the hint says.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type User } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { SelectField, TextField } from '../../components/field';
import { EMPTY_PASSPHRASE, NewPassphraseFields, newPassphraseProblem } from '../../components/new-passphrase-fields';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';

export function AddUserForm({ onAdded }: { readonly onAdded: (user: User) => void }): ReactNode {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('steward');
  const [passphrase, setPassphrase] = useState(EMPTY_PASSPHRASE);
  const [submitted, setSubmitted] = useState(false);
  const [added, setAdded] = useState<User | null>(null);
  const add = useApiAction('users.add');

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSubmitted(true);
    setAdded(null);
    if (name.trim() === '' || newPassphraseProblem(passphrase)) return;
    const result = await add.run({ name: name.trim(), role, passphrase: passphrase.passphrase });
    if (!result.ok) return;
    setAdded(result.value);
    setName('');
    setPassphrase(EMPTY_PASSPHRASE);
    setSubmitted(false);
    onAdded(result.value);
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('users.add.title')}>
      <TextField
        label={t('users.add.name')}
        autoComplete="off"
        value={name}
        maxLength={64}
        disabled={add.busy}
        onChange={(event) => setName(event.target.value)}
        error={submitted && name.trim() === '' ? t('validation.nameRequired') : null}
      />
      <SelectField
        label={t('users.add.role')}
        value={role}
        disabled={add.busy}
        onChange={(event) => setRole(event.target.value as Role)}
        hint={t(`users.roleHint.${role}`)}
      >
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {t(`roles.${option}`)}
          </option>
        ))}
      </SelectField>
      <NewPassphraseFields
        value={passphrase}
        onChange={setPassphrase}
        showErrors={submitted}
        disabled={add.busy}
        label={t('users.add.passphrase')}
        confirmLabel={t('users.add.confirm')}
      />
      <p className="form-note">{t('users.add.handOver')}</p>
      <ErrorAlert error={add.error} overrides={{ CONFLICT: t('users.add.nameTaken') }} />
      {added ? <Notice tone="success">{t('users.add.done', { name: added.name, role: t(`roles.${added.role}`) })}</Notice> : null}
      <div className="form-actions">
        <SubmitButton busy={add.busy}>{t('users.add.submit')}</SubmitButton>
      </div>
    </form>
  );
}
