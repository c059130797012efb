/**
 * The expression editor of an attribute mapping, with a live "test this expression against
 * user X": after the first Test, every edit is tried again (half a second after typing
 * stops) and the result shows with its type; a parse error underlines the span it is about.
 * A Save refusal for this expression (from the mapping editor) is underlined the same way.
 *
 * Example: <ExpressionEditor app={id} value={text} onChange={set} issue={issues.source} testUser={u} onTestUser={setU} />
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useApis } from '../../api/api-context.tsx';
import { ApiFailure } from '../../api/http.ts';
import type { ExpressionTestResult } from '../../api/provisioning-types.ts';
import { TextField } from '../../ui/field.tsx';
import { sentence } from '../../ui/form-errors.ts';
import { TextAreaField } from '../../ui/text-area-field.tsx';
import { SpanPreview } from './expression-span.tsx';
import type { FieldIssue } from './mapping-issues.ts';

export const liveDelayMs = 500;

type Outcome =
  | { kind: 'value'; result: ExpressionTestResult }
  | { kind: 'expression'; issue: FieldIssue }
  | { kind: 'user' | 'other'; message: string };

/** The value as people read it: strings quoted, lists one item a line, null as "no value". */
export function showValue(result: ExpressionTestResult): string {
  if (result.type === 'null')
    return 'no value (null): nothing is sent, the default value applies on create';
  if (result.type === 'list')
    return (result.value as unknown[]).map((v) => JSON.stringify(v)).join(', ');
  return typeof result.value === 'string' ? JSON.stringify(result.value) : String(result.value);
}

export function ExpressionEditor(props: {
  app: string;
  value: string;
  onChange: (value: string) => void;
  issue?: FieldIssue | undefined;
  testUser: string;
  onTestUser: (user: string) => void;
  readOnly: boolean;
}) {
  const { provisioning } = useApis();
  const previewId = useId();
  const [outcome, setOutcome] = useState<Outcome>();
  const [live, setLive] = useState(false);
  const [busy, setBusy] = useState(false);
  const ticket = useRef(0);

  async function test(expression: string, user: string) {
    const mine = ++ticket.current;
    setBusy(true);
    let next: Outcome;
    try {
      next = {
        kind: 'value',
        result: await provisioning.testExpression(props.app, expression, user),
      };
    } catch (error) {
      if (!(error instanceof ApiFailure)) {
        next = { kind: 'other', message: sentence(String((error as Error)?.message ?? error)) };
        if (mine === ticket.current) {
          setBusy(false);
          setOutcome(next);
        }
        return;
      }
      const span = error.details.span as FieldIssue['span'];
      next =
        error.field === 'expression'
          ? { kind: 'expression', issue: { message: sentence(error.message), span } }
          : { kind: error.field === 'user' ? 'user' : 'other', message: sentence(error.message) };
    }
    if (mine !== ticket.current) return;
    setBusy(false);
    setOutcome(next);
  }

  const user = props.testUser.trim();
  // The live test reads the latest user and test function, but runs only for a new expression.
  const latest = useRef({ test, user });
  latest.current = { test, user };
  useEffect(() => {
    if (!live || !latest.current.user) return;
    const timer = setTimeout(
      () => void latest.current.test(props.value, latest.current.user),
      liveDelayMs,
    );
    return () => clearTimeout(timer);
  }, [props.value, live]);

  const testIssue = outcome?.kind === 'expression' ? outcome.issue : undefined;
  // A passing test of the current text outranks an older Save refusal.
  const issue = testIssue ?? (outcome?.kind === 'value' ? undefined : props.issue);
  return (
    <div className="expression-editor">
      <TextAreaField
        label="Expression"
        name="expression"
        className="mono"
        rows={4}
        value={props.value}
        onChange={props.onChange}
        error={issue?.message}
        describedBy={issue?.span ? previewId : undefined}
        hint='For example: Join(" ", [givenName], [surname]). Attribute names in [brackets], text in "quotes".'
        readOnly={props.readOnly}
      />
      {issue?.span ? <SpanPreview id={previewId} text={props.value} span={issue.span} /> : null}
      {/* Enter in the user box tests, rather than submitting the dialog. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: only catches Enter from the input inside */}
      <div
        className="expression-test"
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
          event.preventDefault();
          if (user && !busy) {
            setLive(true);
            void test(props.value, user);
          }
        }}
      >
        <TextField
          label="Test against user"
          name="testUser"
          value={props.testUser}
          onChange={props.onTestUser}
          placeholder="userPrincipalName or object id"
          error={outcome?.kind === 'user' ? outcome.message : undefined}
        />
        <button
          type="button"
          disabled={!user || busy}
          aria-busy={busy}
          onClick={() => {
            setLive(true);
            void test(props.value, user);
          }}
        >
          {busy ? 'Testing…' : 'Test expression'}
        </button>
      </div>
      <div role="status" aria-live="polite" className="expression-result">
        {outcome?.kind === 'value' ? (
          <p>
            <strong>Result for {outcome.result.user ?? user}:</strong> {showValue(outcome.result)}{' '}
            <span className="badge">{outcome.result.type}</span>
            {outcome.result.isSoftDeleted ? (
              <span className="muted"> ([IsSoftDeleted] is True for this user)</span>
            ) : null}
          </p>
        ) : null}
        {outcome?.kind === 'other' ? <p className="field-error">{outcome.message}</p> : null}
        {live && outcome?.kind !== 'user' ? (
          <p className="muted">Live: the result follows your edits.</p>
        ) : null}
      </div>
    </div>
  );
}
