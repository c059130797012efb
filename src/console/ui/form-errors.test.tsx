import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../api/http.ts';
import { errorsFrom, hasErrors, noErrors, sentence } from './form-errors.ts';

describe('errorsFrom: where an API error shows on a form', () => {
  const fields = ['userPrincipalName', 'employeeId', 'password'];

  it.each([
    {
      what: 'a named field goes next to that field',
      error: new ApiFailure(400, 'invalid', 'employeeId has 20 characters', 'employeeId'),
      fallback: undefined,
      want: { fields: { employeeId: 'employeeId has 20 characters' }, form: null },
    },
    {
      what: 'field names match in any case',
      error: new ApiFailure(409, 'conflict', 'that name is taken', 'userprincipalname'),
      fallback: undefined,
      want: { fields: { userPrincipalName: 'That name is taken' }, form: null },
    },
    {
      what: 'a field the form does not have goes to the form',
      error: new ApiFailure(400, 'invalid', 'count must be a whole number', 'count'),
      fallback: 'password',
      want: { fields: {}, form: 'Count must be a whole number' },
    },
    {
      what: 'no field, with a fallback: next to the fallback field',
      error: new ApiFailure(401, 'unauthorized', 'the email or password is wrong', null),
      fallback: 'password',
      want: { fields: { password: 'The email or password is wrong' }, form: null },
    },
    {
      what: 'a lockout goes next to the fallback field too',
      error: new ApiFailure(429, 'locked', 'too many wrong passwords; wait 30 s', null),
      fallback: 'password',
      want: { fields: { password: 'Too many wrong passwords; wait 30 s' }, form: null },
    },
    {
      what: 'a server failure is never blamed on a field',
      error: new ApiFailure(500, 'internal', 'the server failed to answer', null),
      fallback: 'password',
      want: { fields: {}, form: 'The server failed to answer' },
    },
    {
      what: 'a network failure goes to the form',
      error: new ApiFailure(0, 'network', 'the server cannot be reached', null),
      fallback: undefined,
      want: { fields: {}, form: 'The server cannot be reached' },
    },
    {
      what: 'a plain Error goes to the form',
      error: new Error('choose a group first'),
      fallback: undefined,
      want: { fields: {}, form: 'Choose a group first' },
    },
  ])('$what', ({ error, fallback, want }) => {
    expect(errorsFrom(error, fields, fallback)).toEqual(want);
  });

  it('hasErrors tells an empty result from a real one', () => {
    expect(hasErrors(noErrors)).toBe(false);
    expect(hasErrors({ fields: { a: 'x' }, form: null })).toBe(true);
    expect(hasErrors({ fields: {}, form: 'x' })).toBe(true);
  });

  it('sentence capitalises words but not field names', () => {
    expect(sentence('the token is revoked')).toBe('The token is revoked');
    expect(sentence('employeeId has 20 characters')).toBe('employeeId has 20 characters');
    expect(sentence('"acme" is not a tenant')).toBe('"acme" is not a tenant');
    expect(sentence('')).toBe('');
  });
});
