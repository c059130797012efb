/**
 * The core User schema, urn:ietf:params:scim:schemas:core:2.0:User, with the characteristics
 * RFC 7643 §8.7.1 gives each attribute (descriptions are our own wording). Where §8.7.1 leaves a
 * characteristic out (e.g. `caseExact` of `active`), the RFC 7643 §2.2 default applies.
 *
 * One addition to §8.7.1: `addresses.primary`, which §4.1.2 defines and the §8.2 example uses,
 * but the §8.7.1 listing omits.
 *
 * Example: coreUserSchema.attributes.find((a) => a.name === 'userName')?.uniqueness → 'server'
 */
import { defineAttribute as attr } from './define.ts';
import type { AttributeDefinition, AttributeType, SchemaDefinition } from './types.ts';

export const coreUserSchemaId = 'urn:ietf:params:scim:schemas:core:2.0:User';

const text = (name: string, description: string, caseExact = false) =>
  attr(name, 'string', { description, caseExact });

const display = () => text('display', 'A human-readable name for the value, used for display.');
const primary = () =>
  attr('primary', 'boolean', {
    description: 'Marks the preferred value; "true" appears at most once (RFC 7643 §2.4).',
  });

/** The value/display/type/primary quartet shared by the plural attributes of RFC 7643 §4.1.2. */
function plural(
  name: string,
  description: string,
  value: { type: AttributeType; description: string; referenceTypes?: readonly string[] },
  canonicalTypes?: readonly string[],
): AttributeDefinition {
  const valueOptions = { description: value.description, referenceTypes: value.referenceTypes };
  return attr(name, 'complex', {
    multiValued: true,
    description,
    subAttributes: [
      attr('value', value.type, valueOptions),
      display(),
      attr('type', 'string', {
        description: `A label for the value's function${canonicalTypes?.length ? `, e.g. "${canonicalTypes[0]}"` : ''}.`,
        canonicalValues: canonicalTypes,
      }),
      primary(),
    ],
  });
}

const nameParts: [string, string][] = [
  ['formatted', 'The full name formatted for display, titles and suffixes included.'],
  ['familyName', 'The family (last) name.'],
  ['givenName', 'The given (first) name.'],
  ['middleName', 'The middle name(s).'],
  ['honorificPrefix', 'Honorific prefix(es), e.g. "Ms.".'],
  ['honorificSuffix', 'Honorific suffix(es), e.g. "III".'],
];

const addressParts: [string, string][] = [
  ['formatted', 'The full mailing address formatted for display; may contain newlines.'],
  ['streetAddress', 'Street, house number, P.O. box; may contain newlines.'],
  ['locality', 'City or locality.'],
  ['region', 'State or region.'],
  ['postalCode', 'Zip or postal code.'],
  ['country', 'Country, as an ISO 3166-1 alpha-2 code.'],
];

const readOnlyText = (name: string, description: string) =>
  attr(name, 'string', { description, mutability: 'readOnly' });

export const coreUserSchema: SchemaDefinition = {
  id: coreUserSchemaId,
  name: 'User',
  description: 'User Account',
  attributes: [
    attr('userName', 'string', {
      description: 'Unique, non-empty identifier the user signs in with. REQUIRED.',
      required: true,
      uniqueness: 'server',
    }),
    attr('name', 'complex', {
      description: "The components of the user's real name.",
      subAttributes: nameParts.map(([n, d]) => text(n, d)),
    }),
    text('displayName', 'The name shown to end users, usually the full name.'),
    text('nickName', 'The casual name to address the user by, e.g. "Babs".'),
    attr('profileUrl', 'reference', {
      description: "URL of the user's online profile page.",
      referenceTypes: ['external'],
    }),
    text('title', 'The job title, e.g. "Vice President".'),
    text('userType', 'Relationship to the organisation, e.g. "Employee" or "Contractor".'),
    text('preferredLanguage', 'Preferred written or spoken language, e.g. "en-US".'),
    text('locale', 'Default location for localising currency, dates and numbers.'),
    text('timezone', 'Time zone in IANA ("Olson") format, e.g. "America/Los_Angeles".'),
    attr('active', 'boolean', { description: 'Administrative status: false means suspended.' }),
    attr('password', 'string', {
      description: 'Cleartext password to set or reset; never returned.',
      mutability: 'writeOnly',
      returned: 'never',
    }),
    plural(
      'emails',
      'Email addresses of the user.',
      { type: 'string', description: 'An email address, canonicalised.' },
      ['work', 'home', 'other'],
    ),
    plural(
      'phoneNumbers',
      'Phone numbers of the user.',
      { type: 'string', description: 'A phone number, ideally an RFC 3966 URI.' },
      ['work', 'home', 'mobile', 'fax', 'pager', 'other'],
    ),
    plural(
      'ims',
      'Instant messaging addresses of the user.',
      { type: 'string', description: 'An instant messaging address.' },
      ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'],
    ),
    plural(
      'photos',
      'Photos of the user, as URLs.',
      { type: 'reference', description: 'URL of a photo.', referenceTypes: ['external'] },
      ['photo', 'thumbnail'],
    ),
    attr('addresses', 'complex', {
      multiValued: true,
      description: 'Physical mailing addresses of the user.',
      subAttributes: [
        ...addressParts.map(([n, d]) => text(n, d)),
        attr('type', 'string', {
          description: 'A label for the address, e.g. "work".',
          canonicalValues: ['work', 'home', 'other'],
        }),
        primary(),
      ],
    }),
    attr('groups', 'complex', {
      multiValued: true,
      description: 'Groups the user belongs to, directly or indirectly; maintained by the server.',
      mutability: 'readOnly',
      subAttributes: [
        readOnlyText('value', 'The id of the group.'),
        attr('$ref', 'reference', {
          description: 'The URI of the group resource.',
          referenceTypes: ['User', 'Group'],
          mutability: 'readOnly',
        }),
        readOnlyText('display', 'The display name of the group.'),
        attr('type', 'string', {
          description: 'How the user is a member: "direct" or "indirect".',
          canonicalValues: ['direct', 'indirect'],
          mutability: 'readOnly',
        }),
      ],
    }),
    plural('entitlements', 'Things the user has.', {
      type: 'string',
      description: 'An entitlement.',
    }),
    plural(
      'roles',
      'Roles of the user, e.g. "Student".',
      { type: 'string', description: 'A role.' },
      [],
    ),
    plural(
      'x509Certificates',
      'X.509 certificates issued to the user.',
      { type: 'binary', description: 'One DER-encoded certificate, base64.' },
      [],
    ),
  ],
};
