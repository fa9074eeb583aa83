import { useAuth } from '../../app/auth';
import { Page } from '../../platform/Page';
import { AccountSummary } from './AccountSummary';
import { ChangePasswordForm } from './ChangePasswordForm';
import { TotpSection } from './TotpSection';

export function SecurityPage() {
  const { user } = useAuth();
  if (!user) return null;
  return (
    <Page title="Seguridad de la cuenta" lead="Revise sus datos y proteja el acceso a su cuenta.">
      <AccountSummary user={user} />
      <TotpSection user={user} />
      <ChangePasswordForm />
    </Page>
  );
}
