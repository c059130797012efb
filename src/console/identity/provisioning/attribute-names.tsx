/**
 * The names offered while typing a source attribute (the directory's, as the provisioning
 * service reads them) and a target attribute (the SCIM paths apps commonly take), as datalists:
 * suggestions only, any other name can be typed and the server checks it on Save.
 *
 * Example: <AttributeLists source="user" sourceId="src" targetId="tgt" /> … <input list="src" />
 */

const userAttributes = [
  'userPrincipalName',
  'mail',
  'mailNickname',
  'displayName',
  'givenName',
  'surname',
  'jobTitle',
  'department',
  'employeeId',
  'manager',
  'mobile',
  'telephoneNumber',
  'facsimileTelephoneNumber',
  'streetAddress',
  'city',
  'state',
  'postalCode',
  'country',
  'physicalDeliveryOfficeName',
  'preferredLanguage',
  'accountEnabled',
  'objectId',
  'IsSoftDeleted',
  ...Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}`),
];

const groupAttributes = [
  'displayName',
  'description',
  'mailNickname',
  'securityEnabled',
  'objectId',
  'members',
];

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const userTargets = [
  'userName',
  'active',
  'displayName',
  'nickName',
  'title',
  'userType',
  'preferredLanguage',
  'locale',
  'timezone',
  'externalId',
  'name.givenName',
  'name.familyName',
  'name.formatted',
  'emails[type eq "work"].value',
  'phoneNumbers[type eq "work"].value',
  'phoneNumbers[type eq "mobile"].value',
  'phoneNumbers[type eq "fax"].value',
  'addresses[type eq "work"].streetAddress',
  'addresses[type eq "work"].locality',
  'addresses[type eq "work"].region',
  'addresses[type eq "work"].postalCode',
  'addresses[type eq "work"].country',
  'addresses[type eq "work"].formatted',
  `${enterprise}:employeeNumber`,
  `${enterprise}:department`,
  `${enterprise}:costCenter`,
  `${enterprise}:organization`,
  `${enterprise}:division`,
  `${enterprise}:manager`,
];

const groupTargets = ['displayName', 'externalId', 'members'];

export function sourceAttributeNames(source: 'user' | 'group'): readonly string[] {
  return source === 'user' ? userAttributes : groupAttributes;
}

export function AttributeLists(props: {
  source: 'user' | 'group';
  sourceId: string;
  targetId: string;
}) {
  return (
    <>
      <datalist id={props.sourceId}>
        {sourceAttributeNames(props.source).map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <datalist id={props.targetId}>
        {(props.source === 'user' ? userTargets : groupTargets).map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
