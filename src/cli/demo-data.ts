/**
 * The demo installation `npm start` brings up on an empty data directory: an app-side tenant
 * "wrike-demo" (the tutorial's Wrike) and an identity side (the tutorial's Entra tenant) with
 * 300 people of a fictional Contoso in departments, nested groups, managers, and Wrike added
 * from the gallery, ready to assign and provision. Deterministic, so screenshots and docs match.
 */
import { buildPresetProfile } from '../scim-server/index.ts';
import type { CliApp } from './app-port.ts';

export const demoPassword = 'roster-demo-password';
export const demoTenant = 'wrike-demo';
export const demoTenantAdmin = 'admin@wrike-demo.test';
export const demoIdentityAdmin = 'admin@contoso.test';
const domain = 'contoso.test';

const firstNames = [
  'Ann',
  'Ben',
  'Chloe',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kemal',
  'Lena',
  'Malik',
  'Nora',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Vera',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoë',
  'Amélie',
  'Björn',
  'Chidi',
  'Dana',
];
const lastNames = [
  'Lee',
  'Novak',
  'García',
  'Okafor',
  'Müller',
  'Sato',
  'Silva',
  'Kowalski',
  'Haddad',
  'Larsen',
];
const departments = [
  { name: 'Engineering', size: 90, titles: ['Software Engineer', 'Senior Engineer', 'SRE'] },
  { name: 'Sales', size: 60, titles: ['Account Executive', 'Sales Engineer'] },
  { name: 'Support', size: 50, titles: ['Support Specialist', 'Support Lead'] },
  { name: 'Marketing', size: 40, titles: ['Marketing Manager', 'Content Writer'] },
  { name: 'Finance', size: 30, titles: ['Accountant', 'Controller'] },
  { name: 'People', size: 30, titles: ['HR Partner', 'Recruiter'] },
];
const cities = [
  ['Seattle', 'US'],
  ['Dublin', 'IE'],
  ['Berlin', 'DE'],
  ['Tokyo', 'JP'],
];

export interface DemoSeed {
  seeded: boolean;
  users: number;
  groups: number;
}

/** Seeds the demo unless the demo tenant already exists (a second start changes nothing). */
export async function seedDemo(app: CliApp): Promise<DemoSeed> {
  if ((await app.accounts.listTenants()).some((t) => t.tenant === demoTenant)) {
    return { seeded: false, users: 0, groups: 0 };
  }
  const { directory } = app;
  await app.accounts.createTenant(
    demoTenant,
    demoTenantAdmin,
    demoPassword,
    buildPresetProfile('wrike', [domain]),
  );
  await directory.admins.add({
    email: demoIdentityAdmin,
    password: demoPassword,
    role: 'Global Administrator',
  });
  const everyone: string[] = [];
  const groupIds = new Map<string, string>();
  let person = 0;
  for (const [d, department] of departments.entries()) {
    const ids: string[] = [];
    let head: string | undefined;
    for (let i = 0; i < department.size; i++, person++) {
      const given = firstNames[person % firstNames.length]!;
      const surname = lastNames[Math.floor(person / firstNames.length) % lastNames.length]!;
      const upn = `${given}.${surname}`
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
      const [city, country] = cities[(person + d) % cities.length]!;
      const user = await directory.users.add({
        userPrincipalName: `${upn}@${domain}`,
        mail: `${upn}@${domain}`,
        mailNickname: upn,
        givenName: given,
        surname,
        displayName: `${given} ${surname}`,
        jobTitle:
          i === 0 ? `Head of ${department.name}` : department.titles[i % department.titles.length],
        department: department.name,
        employeeId: String(1000 + person),
        city,
        country,
        ...(head ? { manager: head } : {}),
      });
      head ??= user.id;
      ids.push(user.id);
    }
    const group = await directory.groups.add({
      displayName: department.name,
      description: `Everyone in ${department.name}`,
    });
    await directory.groups.addMembers(group.id, ids);
    groupIds.set(department.name, group.id);
    everyone.push(...ids);
  }
  const all = await directory.groups.add({
    displayName: 'All Staff',
    description: 'Every employee',
  });
  await directory.groups.addMembers(all.id, everyone);
  // A nested group: its members are groups, as Entra allows.
  const product = await directory.groups.add({
    displayName: 'Product & Engineering',
    description: 'Engineering and Marketing',
  });
  await directory.groups.addMembers(product.id, [
    groupIds.get('Engineering')!,
    groupIds.get('Marketing')!,
  ]);
  await directory.apps.add({ template: 'wrike', name: 'Wrike' });
  return { seeded: true, users: everyone.length, groups: departments.length + 2 };
}
