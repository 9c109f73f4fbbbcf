// PostgreSQL system relations the generated SQL reads.

/// `pg_catalog.pg_locks`: locks held and awaited by every session.
public struct PGLocks: Relation {
  public static let qualifiedName = QualifiedName("pg_catalog", "pg_locks")
  /// The kind of lockable object, e.g. `relation`.
  public let locktype = Column<PG.Text, Nullable>("locktype")
  /// The locked relation's oid, for relation locks.
  public let relation = Column<PG.OID, Nullable>("relation")
  /// The lock mode, e.g. `ExclusiveLock`.
  public let mode = Column<PG.Text, Nullable>("mode")
  /// The server process holding or awaiting the lock.
  public let pid = Column<PG.Integer, Nullable>("pid")
  /// Whether the lock is held (true) or awaited (false).
  public let granted = Column<PG.Boolean, Nullable>("granted")
  public init() {}
}

/// `pg_catalog.pg_stat_activity`: one row per server process and what it is doing.
public struct PGStatActivity: Relation {
  public static let qualifiedName = QualifiedName("pg_catalog", "pg_stat_activity")
  /// The server process.
  public let pid = Column<PG.Integer, Nullable>("pid")
  /// What kind of process it is, e.g. `client backend` or `autovacuum worker`.
  public let backendType = Column<PG.Text, Nullable>("backend_type")
  public init() {}
}

/// `pg_catalog.pg_class`: every relation.
public struct PGClass: Relation {
  public static let qualifiedName = QualifiedName("pg_catalog", "pg_class")
  /// The relation's object id.
  public let oid = Column<PG.OID, NotNull>("oid")
  /// Whether a materialized view holds data (false after `WITH NO DATA`).
  public let relispopulated = Column<PG.Boolean, NotNull>("relispopulated")
  public init() {}
}

/// `pg_catalog.pg_timezone_names`: the time zone names PostgreSQL knows (slow to list).
public struct PGTimezoneNames: Relation {
  public static let qualifiedName = QualifiedName("pg_catalog", "pg_timezone_names")
  /// The zone's name, e.g. `America/New_York`.
  public let name = Column<PG.Text, NotNull>("name")
  public init() {}
}

/// `cron.job`: pg_cron's jobs, one row per scheduled job.
public struct CronJob: Relation {
  public static let qualifiedName = QualifiedName("cron", "job")
  /// The job's id.
  public let jobid = Column<PG.BigInt, NotNull>("jobid")
  /// The name given to `cron.schedule`.
  public let jobname = Column<PG.Text, Nullable>("jobname")
  /// The role that scheduled the job and runs it.
  public let username = Column<PG.Text, NotNull>("username")
  public init() {}
}

/// `cron.job_run_details`: one row per run of a job, which pg_cron never deletes.
public struct CronJobRunDetails: Relation {
  public static let qualifiedName = QualifiedName("cron", "job_run_details")
  /// The job that ran.
  public let jobid = Column<PG.BigInt, Nullable>("jobid")
  /// `succeeded`, `failed`, …
  public let status = Column<PG.Text, Nullable>("status")
  /// When the run ended.
  public let endTime = Column<PG.TimestampTZ, Nullable>("end_time")
  public init() {}
}

/// `pg_catalog.pg_attribute`: every column of every relation.
public struct PGAttribute: Relation {
  public static let qualifiedName = QualifiedName("pg_catalog", "pg_attribute")
  /// The relation the column belongs to.
  public let attrelid = Column<PG.OID, NotNull>("attrelid")
  /// The column's name.
  public let attname = Column<PG.Name, NotNull>("attname")
  /// The column's type.
  public let atttypid = Column<PG.OID, NotNull>("atttypid")
  /// The column's number: system columns have negative ones.
  public let attnum = Column<PG.SmallInt, NotNull>("attnum")
  /// Whether the column is NOT NULL.
  public let attnotnull = Column<PG.Boolean, NotNull>("attnotnull")
  /// Whether the column was dropped (it stays, unnamed, until the table is rewritten).
  public let attisdropped = Column<PG.Boolean, NotNull>("attisdropped")
  public init() {}
}

/// `to_regclass(text)`: the relation a name resolves to, NULL when there is none.
public let toRegclass = NullableSQLFunction<PG.Text, PG.RegClass>("to_regclass")

/// `format_type(type, typmod)`: a type's name as SQL writes it, `timestamp with time zone`;
/// typmod -1 leaves out a length or precision.
public let formatType = SQLFunction<PG.OID, PG.Integer, PG.Text>("format_type")

/// `pg_catalog.pg_index`: every index, by the table it indexes.
public struct PGIndex: Relation {
  public static let qualifiedName = QualifiedName("pg_catalog", "pg_index")
  /// The index's own object id.
  public let indexrelid = Column<PG.OID, NotNull>("indexrelid")
  /// The table indexed.
  public let indrelid = Column<PG.OID, NotNull>("indrelid")
  /// Whether the index is unique.
  public let indisunique = Column<PG.Boolean, NotNull>("indisunique")
  public init() {}
}

/// `pg_get_indexdef(index, column, pretty)`: the index's column `column` (from 1) as SQL
/// writes it, its name for a plain column.
public let indexColumnDefinition = SQLFunction<PG.OID, PG.Integer, PG.Boolean, PG.Text>(
  "pg_get_indexdef")
