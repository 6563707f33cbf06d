import type { Role } from '@carebridge/common';
import type { AuthService } from './service';

/** Demo log-ins for development (listed in the README); never created in production. */
export const DEMO_PASSWORD = 'demo-password-123';

export const DEMO_USERS: readonly { email: string; name: string; organizationId: string; role: Role }[] = [
  { email: 'admin@riverside.test', name: 'Riley Admin', organizationId: 'org-riverside', role: 'ADMIN' },
  { email: 'clinician@riverside.test', name: 'Casey Clinician', organizationId: 'org-riverside', role: 'CLINICIAN' },
  { email: 'admin@lakeside.test', name: 'Logan Admin', organizationId: 'org-lakeside', role: 'ADMIN' },
  { email: 'clinician@lakeside.test', name: 'Lee Clinician', organizationId: 'org-lakeside', role: 'CLINICIAN' },
  { email: 'admin@harbor.test', name: 'Harper Admin', organizationId: 'org-harbor', role: 'ADMIN' },
  { email: 'clinician@harbor.test', name: 'Hayden Clinician', organizationId: 'org-harbor', role: 'CLINICIAN' },
];

/** Idempotent: a database that already has them (a restart, another replica) keeps them as they are. */
export async function addDemoUsers(auth: AuthService): Promise<void> {
  await Promise.all(DEMO_USERS.map((user) => auth.ensureUser({ ...user, password: DEMO_PASSWORD })));
}
