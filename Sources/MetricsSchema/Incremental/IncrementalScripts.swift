import SQLBuilder

/// The generated files of the incremental strategy: the same three files, the same read API.
enum IncrementalScripts<S: SourceSchema> {
  static var schema: SQLScript {
    SQLScript(
      "schema.sql",
      header: MetricsScripts.header(
        "Daily metrics per account, location and local date (mv_metrics_daily), kept up to date incrementally.",
        "Apply in one transaction: psql --single-transaction -v ON_ERROR_STOP=1 -f schema.sql")
    ) {
      Comment(
        "Fail within 5 seconds rather than queue the dashboard's reads, or writers to the base tables it indexes, behind a lock."
      )
      SetLocal("lock_timeout", "5s")
      Comment(
        "Stop here, naming every difference, when the relations the metrics read are not as declared."
      )
      guardSources
      Comment("pg_cron, installed the way Supabase installs it: its objects live in schema cron.")
      CreateExtension("pg_cron", schema: "pg_catalog")
      Comment("CASCADE drops views built on it too; apply their definitions again after this file.")
      Drop.view(MetricsDaily.self, .cascade)
      MetricsScripts.zoneLookups
      Comment("The totals and the logs of what writers did, where the API cannot reach them.")
      MetricsScripts.privateSchema
      IncrementalMachinery<S>.tables
      for table in IncrementalMachinery<S>.tableNames {
        Revoke(.all, on: .relation(table), from: .public, .anon, .authenticated, .serviceRole)
      }
      Grant(.select, on: .table(MetricsDailyTotals.self), to: .serviceRole)
      Grant(.select, on: .table(MetricsTotalsBuilt.self), to: .serviceRole)
      Comment("What the logs hold, per key, as the next catch-up adds it.")
      Drop.view(MetricsLoggedTotals.self)
      IncrementalMachinery<S>.loggedTotalsView
      Revoke(
        .all, on: .table(MetricsLoggedTotals.self), from: .public, .anon, .authenticated,
        .serviceRole)
      Comment(
        "Indexes on the base tables, through which a catch-up reads a changed location's facts.")
      IncrementalMachinery<S>.sourceIndexes
      Comment("The totals are built again by the next catch-up.")
      Insert(into: MetricsRebuildRequests.self) { row in row.requestedAt(now()) }
      Comment(
        "The totals with each key's settings, what the view and the read API read once they are built."
      )
      Drop.view(MetricsDailyFromTotals.self)
      IncrementalMachinery<S>.totalsView
      Revoke(
        .all, on: .table(MetricsDailyFromTotals.self), from: .public, .anon, .authenticated,
        .serviceRole)
      Grant(.select, on: .table(MetricsDailyFromTotals.self), to: .serviceRole)
      IncrementalMachinery<S>.view
      CommentOn.view(
        MetricsDaily.self,
        "Daily metrics per account, location and local date. Kept up to date by refresh_metrics_daily()."
      )
      Comment("Only the service role reads the view directly; the dashboard uses the read API.")
      MetricsScripts.readByServiceRoleOnly(MetricsDaily.self)
      MetricsScripts.zoneLookupPrivileges
    }
  }

  static var refresh: SQLScript {
    SQLScript(
      "refresh_metrics.sql",
      header: MetricsScripts.header(
        "Keeping mv_metrics_daily up to date: the triggers that log writes, the catch-up pg_cron runs every five minutes, and the rebuild.",
        "Apply after schema.sql: psql --single-transaction -v ON_ERROR_STOP=1 -f refresh_metrics.sql"
      )
    ) {
      Comment(
        "Fail within 5 seconds rather than queue writers behind the triggers' locks on the base tables."
      )
      SetLocal("lock_timeout", "5s")
      Comment("Stop here, before a cron job that would fail every five minutes, without the view.")
      MetricsScripts.requireView(before: "refresh_metrics.sql")
      Comment(
        "Stop here, naming every difference, before a trigger that would fail on a table not as declared."
      )
      guardSources
      ChangeCapture<S>.statements
      IncrementalMachinery<S>.createRebuild
      CommentOn.function(
        IncrementalMachinery<S>.rebuildFunction,
        "Computes mv_metrics_daily's totals again from the sources; writers do not wait for it.")
      Revoke(
        .all, on: .function(IncrementalMachinery<S>.rebuildFunction), from: .public, .anon,
        .authenticated)
      Grant(.execute, on: .function(IncrementalMachinery<S>.rebuildFunction), to: .serviceRole)
      IncrementalMachinery<S>.createReattribute
      Revoke(
        .all, on: .function(IncrementalMachinery<S>.reattributeFunction), from: .public, .anon,
        .authenticated, .serviceRole)
      IncrementalMachinery<S>.createCatchUp
      CommentOn.function(
        IncrementalMachinery<S>.catchUpFunction,
        "The catch-up of mv_metrics_daily, which refresh_metrics_daily() calls when there is work.")
      Revoke(
        .all, on: .function(IncrementalMachinery<S>.catchUpFunction), from: .public, .anon,
        .authenticated, .serviceRole)
      IncrementalMachinery<S>.createIdle
      Revoke(
        .all, on: .function(IncrementalMachinery<S>.idleFunction), from: .public, .anon,
        .authenticated, .serviceRole)
      IncrementalMachinery<S>.createRefresh
      CommentOn.function(
        RefreshMachinery.function,
        "Brings mv_metrics_daily up to date with what was written since it last ran; returns at once if it is running."
      )
      RefreshMachinery.privileges
      Operability<S>.createStatus
      CommentOn.function(
        Operability<S>.statusFunction,
        "What the next catch-up of mv_metrics_daily will count, and since when it waits.")
      Revoke(
        .all, on: .function(Operability<S>.statusFunction), from: .public, .anon, .authenticated)
      Grant(.execute, on: .function(Operability<S>.statusFunction), to: .serviceRole)
      Operability<S>.createDrift
      CommentOn.function(
        Operability<S>.driftFunction,
        "Keys whose totals differ from a recomputation from the sources: 0 unless writes went uncaptured."
      )
      Revoke(
        .all, on: .function(Operability<S>.driftFunction), from: .public, .anon, .authenticated)
      Grant(.execute, on: .function(Operability<S>.driftFunction), to: .serviceRole)
      RefreshMachinery.cronJob
      Comment("pg_cron keeps every run's details for ever: keep this job's for a week.")
      RefreshMachinery.historyRetentionJob
      Comment(
        "No catch-up here: in this transaction writers would wait for it behind the triggers' locks. Until the job's first one builds the totals, the view computes its rows from the sources."
      )
    }
  }

  /// The check of the contract's relations and the base tables against their declarations.
  static var guardSources: CheckedSources<S> {
    CheckedSources(
      check: SourceGuard.check(
        SourceGuard.contractRelations + SourceGuard.baseTables(S.self),
        indexes: SourceGuard.baseTableIndexes(S.self)))
  }

  static var all: [SQLScript] {
    [
      schema, refresh,
      MetricsScripts.readAPI(ReadAPI.statements(reading: IncrementalMachinery<S>.readSource)),
    ]
  }
}

extension MetricsScripts {
  /// The incremental strategy's capture functions over ``SourceTables``: as
  /// `refresh_metrics.sql` creates them (`guarded: true`), or without the exception block that
  /// turns a failed log into a rebuild request (`guarded: false`), for MetricsBench to measure
  /// what that block costs writers. Nothing generated uses the unguarded form.
  package static func captureFunctions(guarded: Bool) -> [any SQLStatement] {
    ChangeCapture<SourceTables>.functions(guarded: guarded)
  }
}
