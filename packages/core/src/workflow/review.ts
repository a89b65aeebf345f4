/**
 * A review workflow as a pure state machine: the states a piece of work (a task report, a
 * self-assessment) goes through, the actions that move it, from which states, to which, and which roles
 * may take each. The module's policy adds the unit scope; the service asks the machine for the next
 * state, so a transition that is not in the table cannot happen whatever the route receives.
 */
import { AppError } from '../errors';
import type { Role } from '../policy/roles';

export interface Transition<S extends string> {
  from: readonly (S | null)[];
  to: S;
  /** Roles that may take it (the policy adds the unit scope). */
  roles: readonly Role[];
  /** What users call it, for messages: "gửi", "chấp nhận"… */
  label: string;
}

export interface ReviewFlow<S extends string, A extends string> {
  /** Vietnamese names of the states. */
  states: Readonly<Record<S, string>>;
  transitions: Readonly<Record<A, Transition<S>>>;
}

export function defineReviewFlow<S extends string, A extends string>(flow: ReviewFlow<S, A>): ReviewFlow<S, A> {
  for (const [action, t] of Object.entries(flow.transitions) as [A, Transition<S>][]) {
    if (!(t.to in flow.states)) throw new Error(`${action}: unknown target state ${t.to}`);
    for (const f of t.from) if (f !== null && !(f in flow.states)) throw new Error(`${action}: unknown source state ${f}`);
  }
  return flow;
}

/** Whether the action may be taken from the state (null: nothing written yet). */
export function canTransition<S extends string, A extends string>(flow: ReviewFlow<S, A>, state: S | null, action: A): boolean {
  return flow.transitions[action].from.includes(state);
}

/** Whether one of the roles may take the action (scope aside). */
export function roleMayTransition<S extends string, A extends string>(flow: ReviewFlow<S, A>, roles: readonly Role[], action: A): boolean {
  return flow.transitions[action].roles.some((r) => roles.includes(r));
}

/** The state after the action, or a 409 in Vietnamese naming the current state. */
export function transition<S extends string, A extends string>(flow: ReviewFlow<S, A>, state: S | null, action: A): S {
  if (!canTransition(flow, state, action)) {
    const t = flow.transitions[action];
    throw new AppError(
      'INVALID_TRANSITION',
      `Không thể ${t.label} khi ${state ? `đang ở trạng thái "${flow.states[state]}"` : 'chưa có nội dung'}.`,
      409,
      { state, action },
    );
  }
  return flow.transitions[action].to;
}

/** The actions possible from a state, in table order. */
export function actionsFrom<S extends string, A extends string>(flow: ReviewFlow<S, A>, state: S | null): A[] {
  return (Object.keys(flow.transitions) as A[]).filter((a) => canTransition(flow, state, a));
}
