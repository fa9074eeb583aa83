import type { DemoAccount } from '../../app/types';

interface DemoAccountsProps {
  accounts: DemoAccount[];
  onUse: (account: DemoAccount) => void;
}

export function DemoAccounts({ accounts, onUse }: DemoAccountsProps) {
  return (
    <section className="demo-accounts" aria-labelledby="cuentas-demo">
      <h2 id="cuentas-demo">Cuentas de demostración</h2>
      <p>
        Este es un entorno de demostración con datos ficticios. No registre información personal real. Puede
        ingresar con cualquiera de estas cuentas:
      </p>
      <ul className="demo-accounts__list">
        {accounts.map((account) => (
          <li key={account.login} className="demo-accounts__item">
            <p className="demo-accounts__role">{account.role}</p>
            <dl className="demo-accounts__data">
              <dt>Usuario</dt>
              <dd>
                <code>{account.login}</code>
              </dd>
              <dt>Contraseña</dt>
              <dd>
                <code>{account.password}</code>
              </dd>
            </dl>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => onUse(account)}
            >
              Usar esta cuenta<span className="visually-hidden"> ({account.role})</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
