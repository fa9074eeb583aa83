import { useEffect, useState } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router-dom';
import { canUseBackOffice, useAuth } from '../app/auth';
import { useTenant } from '../app/tenant';
import { GovcoBar } from './GovcoBar';

function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? fullName;
}

function MainNavigation() {
  const { user, logout } = useAuth();
  const navigate = useNavigate();

  const signOut = async () => {
    try {
      await logout();
    } finally {
      navigate('/');
    }
  };

  return (
    <ul className="main-nav__list">
      <li>
        <NavLink to="/" end>
          Inicio
        </NavLink>
      </li>
      {user && (
        <li>
          <NavLink to="/mis-tramites">Mis trámites</NavLink>
        </li>
      )}
      <li>
        <NavLink to="/pqrsd">PQRSD</NavLink>
      </li>
      <li>
        <NavLink to="/verificar">Verificar documento</NavLink>
      </li>
      {canUseBackOffice(user) && (
        <li>
          <NavLink to="/admin">Administración</NavLink>
        </li>
      )}
      {user ? (
        <>
          <li>
            <NavLink to="/cuenta/seguridad">
              Mi cuenta<span className="main-nav__user"> ({firstName(user.fullName)})</span>
            </NavLink>
          </li>
          <li>
            <button type="button" className="main-nav__button" onClick={signOut}>
              Salir
            </button>
          </li>
        </>
      ) : (
        <>
          <li>
            <NavLink to="/ingresar">Ingresar</NavLink>
          </li>
          <li>
            <NavLink to="/registro">Crear cuenta</NavLink>
          </li>
        </>
      )}
    </ul>
  );
}

export function SiteHeader() {
  const { entityName } = useTenant();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();

  // Close the phone menu after navigating.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every route change on purpose.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    <header className="site-header">
      <GovcoBar />
      <div className="container site-header__main">
        <Link to="/" className="site-header__brand">
          <span className="site-header__entity">{entityName}</span>
          <span className="site-header__tagline">Sede electrónica</span>
        </Link>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="navegacion-principal"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menú
        </button>
      </div>
      <nav
        id="navegacion-principal"
        className={menuOpen ? 'main-nav main-nav--open' : 'main-nav'}
        aria-label="Navegación principal"
      >
        <div className="container">
          <MainNavigation />
        </div>
      </nav>
    </header>
  );
}
