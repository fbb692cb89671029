import { Component, type ErrorInfo, type ReactNode } from 'react';
import { RouteError } from './route-error.js';

interface CrashBoundaryProps {
  /** The address: going elsewhere gives the new page its chance. */
  pathname: string;
  children: ReactNode;
}

interface CrashBoundaryState {
  crashed: boolean;
  pathname: string;
}

/**
 * A page that throws while rendering shows "Sorry, something went wrong" instead of a blank
 * screen, until the person goes to another address (as a data router's `errorElement` did).
 */
export class CrashBoundary extends Component<CrashBoundaryProps, CrashBoundaryState> {
  override state: CrashBoundaryState = { crashed: false, pathname: this.props.pathname };

  static getDerivedStateFromError(): Partial<CrashBoundaryState> {
    return { crashed: true };
  }

  static getDerivedStateFromProps(props: CrashBoundaryProps, state: CrashBoundaryState): Partial<CrashBoundaryState> | null {
    return props.pathname === state.pathname ? null : { crashed: false, pathname: props.pathname };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('A page crashed while rendering', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.crashed ? <RouteError /> : this.props.children;
  }
}
