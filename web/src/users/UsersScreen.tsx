import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';
import { creditorName } from '../lib/bilingual.ts';
import { currentLocale } from '../i18n/index.ts';
import { navigate } from '../lib/location.ts';
import type { Role, User } from '../lib/types.ts';
import { formatCount, formatDateTime } from '../supervisor/format.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import {
  activateUser, createTeam, createUser, deactivateUser, fetchCreditors, fetchTeams, fetchUsers, needsCreditor, needsTeam, resetPassword, ROLES, updateUser,
  type Creditor, type NewUser, type StaffUser, type Team,
} from './api.ts';
import './users.css';

/** A refusal kept with the field the server named, so the form can mark that input. */
export interface FieldProblem { message: string; field: string | null; code: string | null }

/**
 * One form's submission: busy while it runs, the server's refusal (with its `field`) kept for the
 * form to show beside itself; a 401 tells the app the session is over.
 */
export function useFieldAction(onSessionExpired: () => void) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  async function run<T>(action: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    setBusy(true);
    setProblem(null);
    try {
      return { ok: true, value: await action() };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onSessionExpired();
      else {
        setProblem({
          message: error instanceof Error ? error.message : String(error),
          field: error instanceof ApiError ? error.field ?? null : null,
          code: error instanceof ApiError ? error.code : null,
        });
      }
      return { ok: false };
    } finally {
      setBusy(false);
    }
  }
  return { busy, problem, setProblem, run };
}

/** Props that mark an input invalid and point it at the problem's text, when the problem is about that field. */
export function invalidProps(problem: FieldProblem | null, problemId: string, ...fields: string[]) {
  return problem !== null && problem.field !== null && fields.includes(problem.field)
    ? { 'aria-invalid': true as const, 'aria-describedby': problemId } : {};
}

/**
 * Users (用户管理, admins): the agency's accounts (staff and bank users) with their role, team or
 * bank, open accounts and status; add one (its temporary password is shown once), reset a password,
 * deactivate and activate. Below, the teams with their member counts, and a form to add a team.
 */
export function UsersScreen({ user, onSessionExpired }: { user: User; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const users = useLoad((signal) => fetchUsers(signal), onSessionExpired);
  const teams = useLoad((signal) => fetchTeams(signal), onSessionExpired);
  const teamItems = teams.state.kind === 'ready' ? teams.state.data.items : null;
  const changed = () => { users.reload(); teams.reload(); };
  return (
    <section className="us-screen" aria-labelledby="us-title" data-testid="users-screen">
      <div className="screen-head"><h1 id="us-title">{t('users.title')}</h1></div>
      <p className="muted">{t('users.intro')}</p>
      <AddUserForm teams={teamItems} onCreated={changed} onSessionExpired={onSessionExpired} />

      <h2 id="us-list-title">{t('users.list.title')}</h2>
      {users.state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {users.state.kind === 'error' ? <p className="banner banner--error" role="alert">{users.state.message}</p> : null}
      {users.state.kind === 'ready'
        ? <UsersTable users={users.state.data.items} me={user} teams={teamItems ?? []} onChanged={changed} onSessionExpired={onSessionExpired} /> : null}

      <h2 id="us-teams-title">{t('users.teams.title')}</h2>
      {teams.state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {teams.state.kind === 'error' ? <p className="banner banner--error" role="alert">{teams.state.message}</p> : null}
      {teamItems !== null ? <TeamsTable teams={teamItems} /> : null}
      <AddTeamForm onCreated={teams.reload} onSessionExpired={onSessionExpired} />
    </section>
  );
}

/** A temporary password, shown once, with what to do with it. */
export function TemporaryPassword({ username, password, onDismiss, testId = 'temporary-password' }:
  { username: string; password: string; onDismiss(): void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="banner banner--warning us-secret" role="status" data-testid={testId}>
      <p className="us-secret-line"><span>{t('users.temporary.forUser', { username })}</span>{' '}
        <code className="us-secret-value" data-testid={`${testId}-value`}>{password}</code></p>
      <p>{t('users.temporary.hint')}</p>
      <button type="button" className="button" onClick={onDismiss}>{t('users.temporary.dismiss')}</button>
    </div>
  );
}

function AddUserForm({ teams, onCreated, onSessionExpired }: { teams: Team[] | null; onCreated(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const creditors = useLoad((signal) => fetchCreditors(signal), onSessionExpired);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('collector');
  const [teamId, setTeamId] = useState('');
  const [creditorCode, setCreditorCode] = useState('');
  const [created, setCreated] = useState<{ user: StaffUser; password: string } | null>(null);
  const action = useFieldAction(onSessionExpired);
  const creditorItems = creditors.state.kind === 'ready' ? creditors.state.data.items : [];

  // The first team and the first bank are chosen once their lists are in, so the form can be sent as it stands.
  useEffect(() => {
    if (teams !== null && (teamId === '' || !teams.some((team) => String(team.id) === teamId))) setTeamId(teams[0] ? String(teams[0].id) : '');
  }, [teams, teamId]);
  useEffect(() => {
    if (creditors.state.kind === 'ready' && creditorCode === '') setCreditorCode(creditors.state.data.items[0]?.code ?? '');
  }, [creditors.state, creditorCode]);

  async function send(event: FormEvent): Promise<void> {
    event.preventDefault();
    setCreated(null);
    const body: NewUser = { username: username.trim(), display_name: displayName.trim(), role };
    if (needsTeam(role) && teamId !== '') body.team_id = Number(teamId);
    if (needsCreditor(role) && creditorCode !== '') body.creditor_code = creditorCode;
    const result = await action.run(() => createUser(body));
    if (result.ok) {
      setCreated({ user: result.value.user, password: result.value.temporary_password });
      setUsername('');
      setDisplayName('');
      onCreated();
    }
  }

  const problemId = `${id}-problem`;
  const invalid = (...fields: string[]) => invalidProps(action.problem, problemId, ...fields);
  const noTeams = needsTeam(role) && teams !== null && teams.length === 0;
  const noCreditors = needsCreditor(role) && creditors.state.kind === 'ready' && creditorItems.length === 0;
  return (
    <section aria-labelledby={`${id}-h`} data-testid="add-user">
      <h2 id={`${id}-h`}>{t('users.add.title')}</h2>
      <form className="us-form" onSubmit={(e) => void send(e)} data-testid="add-user-form">
        <label>{t('users.add.username')}
          <input value={username} onChange={(e) => setUsername(e.target.value)} required maxLength={64} autoComplete="off"
            autoCapitalize="none" spellCheck={false} {...invalid('username')}
            aria-describedby={action.problem?.field === 'username' ? `${problemId} ${id}-username-hint` : `${id}-username-hint`} />
          <span className="muted" id={`${id}-username-hint`}>{t('users.add.usernameHint')}</span></label>
        <label>{t('users.add.displayName')}
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} required maxLength={100} autoComplete="off"
            {...invalid('display_name')} /></label>
        <label>{t('users.add.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} {...invalid('role')}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
          </select></label>
        {needsTeam(role) ? (
          <label>{t('users.add.team')}
            <select value={teamId} onChange={(e) => setTeamId(e.target.value)} required {...invalid('team_id')}>
              {(teams ?? []).map((team) => <option key={team.id} value={String(team.id)}>{team.name}</option>)}
            </select></label>
        ) : null}
        {needsCreditor(role) ? (
          <label>{t('users.add.creditor')}
            <select value={creditorCode} onChange={(e) => setCreditorCode(e.target.value)} required {...invalid('creditor_code')}>
              {creditorItems.map((c) => <option key={c.code} value={c.code}>{`${c.code} · ${creditorName(c, currentLocale())}`}</option>)}
            </select></label>
        ) : null}
        {noTeams ? <p className="banner banner--warning">{t('users.add.noTeams')}</p> : null}
        {noCreditors ? <p className="banner banner--warning">{t('users.add.noCreditors')}</p> : null}
        {needsCreditor(role) && creditors.state.kind === 'error' ? <p className="banner banner--error" role="alert">{creditors.state.message}</p> : null}
        {action.problem ? <p id={problemId} className="banner banner--error" role="alert" data-testid="add-user-problem">{action.problem.message}</p> : null}
        <button type="submit" className="button button--primary" disabled={action.busy || noTeams || noCreditors}>
          {t(action.busy ? 'users.add.submitting' : 'users.add.submit')}</button>
      </form>
      {created ? (
        <TemporaryPassword username={created.user.username} password={created.password} onDismiss={() => setCreated(null)} />
      ) : null}
    </section>
  );
}

function UsersTable({ users, me, teams, onChanged, onSessionExpired }: { users: StaffUser[]; me: User; teams: Team[]; onChanged(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  if (users.length === 0) return <p className="muted">{t('users.list.empty')}</p>;
  return (
    <>
      <p className="muted">{t('users.list.count', { count: users.length })}</p>
      <div className="us-table-wrap">
        <table className="data-table" aria-labelledby="us-list-title" data-testid="users-table">
          <thead><tr>
            {(['username', 'displayName', 'role', 'unit', 'accounts', 'status', 'lastSignIn', 'actions'] as const).map((c) => (
              <th key={c} scope="col" className={c === 'accounts' ? 'num' : undefined}>{t(`users.list.columns.${c}`)}</th>))}
          </tr></thead>
          <tbody>
            {users.map((u) => <UserRow key={u.id} user={u} me={me} teams={teams} onChanged={onChanged} onSessionExpired={onSessionExpired} />)}
          </tbody>
        </table>
      </div>
    </>
  );
}

function UserRow({ user, me, teams, onChanged, onSessionExpired }: { user: StaffUser; me: User; teams: Team[]; onChanged(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const self = user.id === me.id;
  return (
    <tr data-testid="user-row" data-username={user.username} className={user.active ? undefined : 'us-inactive'}>
      <th scope="row" className="us-username">{user.username}{self ? <span className="muted"> {t('users.list.you')}</span> : null}</th>
      <td>{user.display_name}</td>
      <td>{t(`roles.${user.role}`, { defaultValue: user.role })}</td>
      <td>{user.team_name ?? user.creditor_code ?? '—'}</td>
      <td className="num">{needsTeam(user.role) ? formatCount(user.accounts) : '—'}</td>
      <td data-testid="user-status">{t(user.active ? 'users.list.active' : 'users.list.inactive')}</td>
      <td data-testid="user-last-sign-in">{user.last_sign_in_at === null ? <span className="muted">{t('users.list.never')}</span>
        : <time dateTime={user.last_sign_in_at}>{formatDateTime(user.last_sign_in_at)}</time>}</td>
      <td><div className="us-actions">
        <EditUser user={user} self={self} teams={teams} onChanged={onChanged} onSessionExpired={onSessionExpired} />
        <ResetPassword user={user} onSessionExpired={onSessionExpired} />
        {self ? null : <ActiveSwitch user={user} onChanged={onChanged} onSessionExpired={onSessionExpired} />}
      </div></td>
    </tr>
  );
}

/**
 * 修改: name, role, team or bank, in place. The server refuses a new role or team while the person
 * holds accounts (they go to a colleague first) and an admin's own role; its refusal is shown here.
 */
function EditUser({ user, self, teams, onChanged, onSessionExpired }: { user: StaffUser; self: boolean; teams: Team[]; onChanged(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [displayName, setDisplayName] = useState(user.display_name);
  const [role, setRole] = useState<Role>(user.role);
  const [teamId, setTeamId] = useState(user.team_id === null ? String(teams[0]?.id ?? '') : String(user.team_id));
  const [creditorCode, setCreditorCode] = useState(user.creditor_code ?? '');
  const action = useFieldAction(onSessionExpired);
  const creditors = useLoad((signal) => (open && needsCreditor(role) ? fetchCreditors(signal) : Promise.resolve({ items: [] as Creditor[] })), onSessionExpired, [open, role]);
  if (!open) {
    return <button type="button" className="button" data-testid="edit-user" onClick={() => setOpen(true)} aria-label={t('users.edit.label', { username: user.username })}>
      {t('users.edit.button')}</button>;
  }
  const creditorItems = creditors.state.kind === 'ready' ? creditors.state.data.items : [];
  const chosenCreditor = creditorCode || creditorItems[0]?.code || '';
  const problemId = `${id}-problem`;
  const invalid = (...fields: string[]) => invalidProps(action.problem, problemId, ...fields);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = await action.run(() => updateUser(user.id, {
      display_name: displayName.trim(), role,
      ...(needsTeam(role) ? { team_id: Number(teamId) } : {}), ...(needsCreditor(role) ? { creditor_code: chosenCreditor } : {}),
    }));
    if (result.ok) { setOpen(false); onChanged(); }
  };
  return (
    <form className="us-form us-edit" onSubmit={(e) => void save(e)} data-testid="edit-user-form" aria-label={t('users.edit.label', { username: user.username })}>
      <label>{t('users.add.displayName')}
        <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} required maxLength={100} {...invalid('display_name')} /></label>
      <label>{t('users.add.role')}
        <select value={role} disabled={self} onChange={(e) => setRole(e.target.value as Role)} {...invalid('role')}>
          {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
        </select></label>
      {needsTeam(role) ? (
        <label>{t('users.add.team')}
          <select value={teamId} onChange={(e) => setTeamId(e.target.value)} required {...invalid('team_id')}>
            {teams.map((team) => <option key={team.id} value={String(team.id)}>{team.name}</option>)}
          </select></label>
      ) : null}
      {needsCreditor(role) ? (
        <label>{t('users.add.creditor')}
          <select value={chosenCreditor} onChange={(e) => setCreditorCode(e.target.value)} required {...invalid('creditor_code')}>
            {creditorItems.map((c) => <option key={c.code} value={c.code}>{`${c.code} · ${creditorName(c, currentLocale())}`}</option>)}
          </select></label>
      ) : null}
      {action.problem ? <p id={problemId} className="banner banner--error us-row-problem" role="alert" data-testid="edit-user-problem">{action.problem.message}</p> : null}
      <span>
        <button type="submit" className="button button--primary" disabled={action.busy}>{t('users.edit.save')}</button>{' '}
        <button type="button" className="button" onClick={() => { setOpen(false); action.setProblem(null); }}>{t('users.edit.cancel')}</button>
      </span>
    </form>
  );
}

/** Reset, asked once more in place; the new temporary password is then shown once, in the row. */
function ResetPassword({ user, onSessionExpired }: { user: StaffUser; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const action = useFieldAction(onSessionExpired);
  if (password !== null) {
    return <TemporaryPassword username={user.username} password={password} onDismiss={() => setPassword(null)} testId="reset-temporary-password" />;
  }
  if (!asking) {
    return (
      <button type="button" className="button" onClick={() => setAsking(true)} aria-label={t('users.resetLabel', { username: user.username })}>
        {t('users.reset.button')}</button>
    );
  }
  const reset = async () => {
    const result = await action.run(() => resetPassword(user.id));
    if (result.ok) { setAsking(false); setPassword(result.value.temporary_password); }
  };
  return (
    <span role="group" className="us-confirm" aria-label={t('users.reset.question', { username: user.username })} data-testid="reset-confirm">
      <span>{t('users.reset.question', { username: user.username })}</span>{' '}
      <button type="button" className="button button--primary" disabled={action.busy} onClick={() => void reset()}>{t('users.reset.confirm')}</button>{' '}
      <button type="button" className="button" disabled={action.busy} onClick={() => { setAsking(false); action.setProblem(null); }}>
        {t('users.reset.cancel')}</button>
      {action.problem ? <span className="banner banner--error us-row-problem" role="alert">{action.problem.message}</span> : null}
    </span>
  );
}

/** 停用 / 启用. A collector or supervisor who still holds accounts is refused: the message says to hand them over first. */
function ActiveSwitch({ user, onChanged, onSessionExpired }: { user: StaffUser; onChanged(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const action = useFieldAction(onSessionExpired);
  // Stopping someone's access signs them out at once: asked again first, as a password reset is. Letting them back in is one click.
  const [asking, setAsking] = useState(false);
  const toggle = async () => {
    const result = await action.run(() => (user.active ? deactivateUser(user.id) : activateUser(user.id)));
    if (result.ok) { setAsking(false); onChanged(); }
  };
  const holdsAccounts = action.problem !== null && needsTeam(user.role) && user.accounts > 0;
  return (
    <>
      {asking ? (
        <span role="group" className="us-confirm" aria-label={t('users.deactivateQuestion', { username: user.username })} data-testid="deactivate-confirm">
          <span>{t('users.deactivateQuestion', { username: user.username })}</span>{' '}
          <button type="button" className="button button--primary" disabled={action.busy} onClick={() => void toggle()}>{t('users.deactivate')}</button>{' '}
          <button type="button" className="button" disabled={action.busy} onClick={() => { setAsking(false); action.setProblem(null); }}>{t('users.reset.cancel')}</button>
        </span>
      ) : (
        <button type="button" className="button" disabled={action.busy} onClick={() => (user.active ? setAsking(true) : void toggle())}
          aria-label={t(user.active ? 'users.deactivateLabel' : 'users.activateLabel', { username: user.username })}>
          {t(user.active ? 'users.deactivate' : 'users.activate')}</button>
      )}
      {action.problem ? (
        <span className="banner banner--error us-row-problem" role="alert" data-testid="user-row-problem">
          {action.problem.message}
          {holdsAccounts ? <>{' '}<a href="/team/offboarding" onClick={(e) => {
            if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            navigate('/team/offboarding');
          }}>{t('users.offboardingLink')}</a></> : null}
        </span>
      ) : null}
    </>
  );
}

function TeamsTable({ teams }: { teams: Team[] }) {
  const { t } = useTranslation();
  if (teams.length === 0) return <p className="muted" data-testid="teams-empty">{t('users.teams.empty')}</p>;
  return (
    <div className="us-table-wrap">
      <table className="data-table us-teams" aria-labelledby="us-teams-title" data-testid="teams-table">
        <thead><tr>
          <th scope="col">{t('users.teams.columns.name')}</th>
          <th scope="col" className="num">{t('users.teams.columns.members')}</th>
          <th scope="col" className="num">{t('users.teams.columns.supervisors')}</th>
        </tr></thead>
        <tbody>
          {teams.map((team) => (
            <tr key={team.id} data-testid="team-row" data-id={team.id}>
              <th scope="row">{team.name}</th>
              <td className="num">{formatCount(team.members)}</td>
              <td className="num">{formatCount(team.supervisors)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddTeamForm({ onCreated, onSessionExpired }: { onCreated(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const action = useFieldAction(onSessionExpired);
  async function send(event: FormEvent): Promise<void> {
    event.preventDefault();
    setCreated(null);
    const result = await action.run(() => createTeam(name.trim()));
    if (result.ok) { setCreated(result.value.name); setName(''); onCreated(); }
  }
  const problemId = `${id}-problem`;
  return (
    <section aria-labelledby={`${id}-h`} data-testid="add-team">
      <h3 id={`${id}-h`}>{t('users.teams.addTitle')}</h3>
      <form className="us-form us-form--inline" onSubmit={(e) => void send(e)} data-testid="add-team-form">
        <label>{t('users.teams.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} autoComplete="off"
            {...invalidProps(action.problem, problemId, 'name')} /></label>
        <button type="submit" className="button button--primary" disabled={action.busy}>{t('users.teams.submit')}</button>
        {action.problem ? <p id={problemId} className="banner banner--error" role="alert" data-testid="add-team-problem">{action.problem.message}</p> : null}
        {created !== null ? <p className="banner banner--info" role="status">{t('users.teams.created', { name: created })}</p> : null}
      </form>
    </section>
  );
}
