import { useEffect, useId, useState, type MouseEvent, type ReactNode } from 'react';
import { cx } from './class-names.js';
import { Link } from './link.js';

export interface NavItem {
  href: string;
  label: string;
  /** Only the exact path counts as current (for "Home" at "/"). */
  exact?: boolean;
}

export interface AppShellProps {
  /** e.g. "Facilitator portal"; shown after the Lena name. */
  portalName: string;
  homeHref?: string;
  /** The organisation the person is acting in, from viewer.tenant. */
  organisationName?: string | null;
  /** The signed-in person's name. */
  userName?: string | null;
  navItems?: readonly NavItem[];
  /** The current path, to mark the current nav item with aria-current="page". */
  currentPath?: string;
  /** Account controls: organisation switcher, "Sign out". */
  headerActions?: ReactNode;
  children: ReactNode;
}

function isCurrent(item: NavItem, path: string | undefined): boolean {
  if (!path) return false;
  if (item.exact || item.href === '/') return path === item.href;
  return path === item.href || path.startsWith(`${item.href}/`);
}

/**
 * The frame of every page: skip link, header with the service and organisation names, account
 * controls, main navigation and the main landmark. On narrow screens the navigation and the
 * account controls sit behind a "Menu" button.
 */
export function AppShell({ portalName, homeHref = '/', organisationName, userName, navItems = [], currentPath, headerActions, children }: AppShellProps) {
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();

  // A new page closes the menu.
  useEffect(() => setMenuOpen(false), [currentPath]);

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById('main-content');
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };

  return (
    <div className="lena-app">
      <a className="lena-skip-link" href="#main-content" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className={cx('lena-header', navItems.length > 0 && 'lena-header--has-menu', menuOpen && 'lena-header--open')}>
        <div className="lena-header__bar lena-width">
          <div className="lena-header__brand">
            <Link href={homeHref} className="lena-header__home">
              <span className="lena-header__logo" aria-hidden="true">
                L
              </span>
              <span className="lena-header__titles">
                <span className="lena-header__service">Lena</span>
                <span className="lena-header__portal">{portalName}</span>
              </span>
            </Link>
            {organisationName && <p className="lena-header__organisation">{organisationName}</p>}
          </div>
          {navItems.length > 0 && (
            <button type="button" className="lena-header__menu" aria-expanded={menuOpen} aria-controls={navId} onClick={() => setMenuOpen((open) => !open)}>
              Menu
            </button>
          )}
          {(userName || headerActions) && (
            <div className="lena-header__account">
              {userName && (
                <p className="lena-header__user">
                  <span className="lena-visually-hidden">Signed in as </span>
                  {userName}
                </p>
              )}
              {headerActions}
            </div>
          )}
        </div>
        {navItems.length > 0 && (
          <nav id={navId} aria-label="Main" className={cx('lena-nav', menuOpen && 'lena-nav--open')}>
            <ul className="lena-nav__list lena-width">
              {navItems.map((item) => {
                const current = isCurrent(item, currentPath);
                return (
                  <li key={item.href} className="lena-nav__item">
                    <Link href={item.href} className={cx('lena-nav__link', current && 'lena-nav__link--current')} aria-current={current ? 'page' : undefined}>
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
      </header>
      <main id="main-content" className="lena-main lena-width" tabIndex={-1}>
        {children}
      </main>
      <footer className="lena-footer">
        <div className="lena-width">
          <p>Lena · Group Reflective Practice and Group Therapeutic Support</p>
        </div>
      </footer>
    </div>
  );
}
