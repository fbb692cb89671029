import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Principal } from '@lena/domain';
import { CurrentPrincipal, Public } from '../common/auth.decorators';
import { requestContext } from '../common/request-context';
import { AuthService } from './auth.service';
import { LoginInput, ResetPasswordInput } from './dtos/auth.inputs';
import { AuthPayload, Viewer } from './dtos/viewer.type';
import { PasswordResetService } from './password-reset.service';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly passwordResets: PasswordResetService,
  ) {}

  @Public()
  @Query(() => Viewer, { nullable: true, description: 'The signed-in person, or null when signed out.' })
  async viewer(): Promise<Viewer | null> {
    const { principal } = requestContext();
    return principal ? this.auth.viewer(principal) : null;
  }

  @Public()
  @Mutation(() => AuthPayload)
  async login(@Args('input') input: LoginInput): Promise<AuthPayload> {
    return { viewer: await this.auth.login(input) };
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Spends the refresh cookie and issues new tokens.' })
  async refreshSession(): Promise<AuthPayload> {
    return { viewer: await this.auth.refresh() };
  }

  @Public()
  @Mutation(() => Boolean)
  async logout(): Promise<boolean> {
    await this.auth.logout();
    return true;
  }

  @Mutation(() => AuthPayload)
  async switchTenant(@CurrentPrincipal() principal: Principal, @Args('tenantId', { type: () => ID }) tenantId: string): Promise<AuthPayload> {
    return { viewer: await this.auth.switchTenant(principal, tenantId) };
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Always true, whether or not the address has an account.' })
  async requestPasswordReset(@Args('email') email: string): Promise<boolean> {
    await this.passwordResets.request(email);
    return true;
  }

  @Public()
  @Mutation(() => Boolean)
  async resetPassword(@Args('input') input: ResetPasswordInput): Promise<boolean> {
    await this.passwordResets.reset(input);
    return true;
  }
}
