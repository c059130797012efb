/**
 * Kysely's SqliteDialect with a first-come, first-served lock on its one connection, and
 * group commit: transactions that start in the same turn of the event loop share one COMMIT.
 *
 * The lock: Kysely guards a single-connection dialect with a mutex whose waiters all await one
 * promise, so every release wakes every waiter (~50 wake-ups per transaction with 50 SCIM
 * clients writing). Here each release wakes exactly the next waiter, in arrival order.
 *
 * Group commit: a COMMIT writes every page the transaction dirtied to the WAL, most of a
 * write's cost. The first transaction of a group opens an outer transaction; the ones that
 * start before it commits run inside SAVEPOINTs of it; it commits at the end of the event
 * loop's turn (the requests read in the same turn join it), or at once past `maxGroup`
 * transactions or `maxGroupMs`. A transaction that fails rolls back to its savepoint (the
 * first one: the outer transaction, which holds only its work), leaving the others alone.
 * Nothing done inside a group is answered before the group's COMMIT has succeeded: each
 * transaction's commit, and each statement run on the connection meanwhile (reads included),
 * waits for it and fails with it, so no caller sees or reports a write that did not reach the
 * database. (A transaction must not wait, while it runs, for another write started before it:
 * that write is answered only after the COMMIT this transaction holds up.)
 *
 * Example: new Kysely<Database>({ dialect: new GroupCommitSqliteDialect({ database }, { inTransaction }) })
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
} from 'kysely';

/** A lock handed to its waiters one at a time, in the order they asked. */
export class FifoLock {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Hands the lock to the next waiter (it stays held), or frees it. */
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

export interface GroupCommitOptions {
  /** True while the connection has a transaction open (DatabaseSync#isTransaction). */
  inTransaction: () => boolean;
  /** Transactions sharing one COMMIT at most (default 64). */
  maxGroup?: number;
  /** Age of a group past which it commits at the next release (default 10 ms). */
  maxGroupMs?: number;
}

/** The outer transaction a group of transactions runs in, and its COMMIT's outcome. */
class Group {
  readonly startedAt = performance.now();
  members = 0;
  /** Its end-of-turn COMMIT is scheduled. */
  scheduled = false;
  readonly done: Promise<void>;
  settle!: (error?: unknown) => void;
  constructor() {
    this.done = new Promise((resolve, reject) => {
      this.settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    this.done.catch(() => {}); // observed by the members; never an unhandled rejection
  }
}

const savepoint = 'roster_tx';
const raw = (text: string) => CompiledQuery.raw(text);

/** One holder's use of the connection: what it ran inside a group, and whether it let go. */
class Lease implements DatabaseConnection {
  readonly #connection: DatabaseConnection;
  readonly #driver: GroupCommitDriver;
  group: Group | undefined;
  /** Its transaction runs in a savepoint of a group another transaction opened. */
  inSavepoint = false;
  rolledBack = false;
  released = false;

  constructor(connection: DatabaseConnection, driver: GroupCommitDriver) {
    this.#connection = connection;
    this.#driver = driver;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.group ??= this.#driver.openGroup;
    return this.#connection.executeQuery<R>(query);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    this.group ??= this.#driver.openGroup;
    return this.#connection.streamQuery<R>(query, chunkSize);
  }
}

class GroupCommitDriver implements Driver {
  readonly #inner: Driver;
  readonly #lock = new FifoLock();
  readonly #options: Required<GroupCommitOptions>;
  #connection: DatabaseConnection | undefined;
  /** The group whose outer transaction is open, if any. */
  openGroup: Group | undefined;

  constructor(inner: Driver, options: GroupCommitOptions) {
    this.#inner = inner;
    this.#options = {
      inTransaction: options.inTransaction,
      maxGroup: options.maxGroup ?? 64,
      maxGroupMs: options.maxGroupMs ?? 10,
    };
  }

  async init(): Promise<void> {
    await this.#inner.init();
    this.#connection = await this.#inner.acquireConnection();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire();
    return new Lease(this.#connection!, this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (this.openGroup) {
      await lease.executeQuery(raw(`savepoint ${savepoint}`));
      lease.inSavepoint = true;
      return;
    }
    // The first of a group needs no savepoint: failing, it rolls back only its own work.
    await this.#connection!.executeQuery(raw('begin'));
    this.openGroup = new Group();
    lease.group = this.openGroup;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    const group = lease.group!;
    if (lease.inSavepoint) await this.#connection!.executeQuery(raw(`release ${savepoint}`));
    group.members++;
    await this.#letGo(lease);
    await group.done;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    const group = lease.group;
    lease.rolledBack = true;
    if (!lease.inSavepoint) {
      // The group's first transaction: nobody else's work is in it yet.
      if (group === this.openGroup) this.openGroup = undefined;
      try {
        if (this.#options.inTransaction()) await this.#connection!.executeQuery(raw('rollback'));
      } finally {
        group?.settle();
      }
      return;
    }
    try {
      if (this.#options.inTransaction()) {
        await this.#connection!.executeQuery(raw(`rollback to ${savepoint}`));
        await this.#connection!.executeQuery(raw(`release ${savepoint}`));
      }
    } finally {
      // SQLite ends the whole transaction on some errors (I/O, disk full): the group is lost.
      if (group && group === this.openGroup && !this.#options.inTransaction()) {
        this.openGroup = undefined;
        group.settle(new Error('SQLite rolled back the transaction this write was part of'));
      }
    }
  }

  async savepoint(lease: DatabaseConnection, name: string, compile: Compile) {
    await this.#inner.savepoint?.(lease, name, compile);
  }

  async rollbackToSavepoint(lease: DatabaseConnection, name: string, compile: Compile) {
    await this.#inner.rollbackToSavepoint?.(lease, name, compile);
  }

  async releaseSavepoint(lease: DatabaseConnection, name: string, compile: Compile) {
    await this.#inner.releaseSavepoint?.(lease, name, compile);
  }

  async releaseConnection(lease: DatabaseConnection): Promise<void> {
    const { group, rolledBack } = lease as Lease;
    await this.#letGo(lease as Lease);
    // A statement run inside a group is answered once the group is in the database (a
    // rolled-back transaction has its own error to report).
    if (group && !rolledBack) await group.done;
  }

  async destroy(): Promise<void> {
    if (this.openGroup) await this.#commitGroup();
    await this.#inner.destroy();
  }

  /**
   * Ends a lease once and unlocks. An open group commits now when it is full or old, else at
   * the end of this turn of the event loop, so that the requests read in this turn join it.
   */
  async #letGo(lease: Lease): Promise<void> {
    if (lease.released) return;
    lease.released = true;
    const group = this.openGroup;
    if (group) {
      const full = group.members >= this.#options.maxGroup;
      if (full || performance.now() - group.startedAt >= this.#options.maxGroupMs)
        await this.#commitGroup();
      else if (!group.scheduled) {
        group.scheduled = true;
        setImmediate(() => void this.#commitLater(group));
      }
    }
    this.#lock.release();
  }

  /** The end-of-turn COMMIT: queued behind whoever holds or waits for the connection. */
  async #commitLater(group: Group): Promise<void> {
    await this.#lock.acquire();
    try {
      if (this.openGroup === group) await this.#commitGroup();
    } finally {
      this.#lock.release();
    }
  }

  async #commitGroup(): Promise<void> {
    const group = this.openGroup!;
    this.openGroup = undefined;
    try {
      await this.#connection!.executeQuery(raw('commit'));
      group.settle();
    } catch (error) {
      if (this.#options.inTransaction())
        await this.#connection!.executeQuery(raw('rollback')).catch(() => {});
      group.settle(error);
    }
  }
}

type Compile = QueryCompiler['compileQuery'];

/** Tells Kysely's runtime driver to skip its own mutex: the driver serializes instead. */
class LockedByDriverAdapter extends SqliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

export class GroupCommitSqliteDialect extends SqliteDialect {
  readonly #options: GroupCommitOptions;

  constructor(config: SqliteDialectConfig, options: GroupCommitOptions) {
    super(config);
    this.#options = options;
  }

  override createDriver(): Driver {
    return new GroupCommitDriver(super.createDriver(), this.#options);
  }

  override createAdapter(): SqliteAdapter {
    return new LockedByDriverAdapter();
  }
}
