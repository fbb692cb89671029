import { createContext, forwardRef, useContext, type AnchorHTMLAttributes, type ComponentType, type ReactNode, type Ref } from 'react';

/** What a link component receives: a plain anchor's props, with `href` required. */
export type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; ref?: Ref<HTMLAnchorElement> };

export interface UiConfig {
  /** Appears after the page title in the browser tab, e.g. "Teams – Lena client portal". */
  serviceName: string;
  /** Renders in-app links; portals pass an adapter around their router's Link. */
  linkComponent: ComponentType<LinkProps>;
}

const PlainLink = forwardRef<HTMLAnchorElement, LinkProps>(function PlainLink(props, ref) {
  return <a ref={ref} {...props} />;
});

const UiConfigContext = createContext<UiConfig>({ serviceName: 'Lena', linkComponent: PlainLink });

export function UiProvider({ children, ...config }: Partial<UiConfig> & { children: ReactNode }) {
  const parent = useContext(UiConfigContext);
  return <UiConfigContext.Provider value={{ ...parent, ...config }}>{children}</UiConfigContext.Provider>;
}

export function useUiConfig(): UiConfig {
  return useContext(UiConfigContext);
}
