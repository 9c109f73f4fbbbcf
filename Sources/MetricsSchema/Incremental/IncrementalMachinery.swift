import SQLBuilder

/// The incremental strategy's objects: its tables, `mv_metrics_daily` as a view over the
/// totals, `refresh_metrics_daily()` as the catch-up, `rebuild_metrics_daily()`, and the
/// triggers that log writes.
enum IncrementalMachinery<S: SourceSchema> {
  /// `public.rebuild_metrics_daily()`: computes the totals again from the sources.
  static var rebuildFunction: Function<NoParameters> { Function("public", "rebuild_metrics_daily") }

  /// The tables, in `private`, where the API cannot reach them. The logs are unlogged: a
  /// writer's statement pays for no WAL of them, and what a crash or restore loses the
  /// sentinel reports (see ``MetricsLogSentinel``).
  static var tables: [any SQLStatement] {
    [
      CreateTable(MetricsDailyTotals.self, ifNotExists: true, derived: refilled) { t in
        t.unique(\.accountID, \.locationID, \.date, nullsNotDistinct: true)
      },
      // The keys whose last fact went: a catch-up deletes them without reading the others.
      index("metrics_daily_totals_emptied", on: MetricsDailyTotals.self, \.facts) {
        $0.facts == .constant(0)
      }.ifNotExists(),
      log(S.Calls.self), log(S.Orders.self), log(S.Reservations.self),
      CreateTable(
        MetricsAttributionChanges.self, ifNotExists: true, unlogged: true, derived: refilled),
      CreateTable(
        MetricsRebuildRequests.self, ifNotExists: true, unlogged: true, derived: refilled),
      // Rebuilt, so empty, whenever the totals, the applied attribution, a log or the rebuild
      // requests are: the next catch-up then rebuilds the totals, and nothing a dropped log
      // held is missed.
      CreateTable(
        MetricsLogSentinel.self, ifNotExists: true, unlogged: true,
        derived: .rebuiltBy(
          "the rebuild",
          with: [
            MetricsDailyTotals.self, MetricsAppliedLocations.self, MetricsAppliedAccounts.self,
            FactChangeLog<S.Calls>.self, FactChangeLog<S.Orders>.self,
            FactChangeLog<S.Reservations>.self, MetricsAttributionChanges.self,
            MetricsRebuildRequests.self,
          ])),
      CreateTable(MetricsAppliedLocations.self, ifNotExists: true, derived: refilled) { t in
        t.primaryKey(\.locationID)
      },
      CreateTable(MetricsAppliedAccounts.self, ifNotExists: true, derived: refilled) { t in
        t.primaryKey(\.accountID)
      },
      // Emptied whenever the totals are: the view then reads the sources until a rebuild.
      CreateTable(
        MetricsTotalsBuilt.self, ifNotExists: true,
        derived: .rebuiltBy("the rebuild", with: [MetricsDailyTotals.self])),
    ]
  }

  /// `T`'s change log, unlogged: a crash empties it, and the sentinel with it.
  static func log<T: FactTable>(_: T.Type) -> CreateTable<FactChangeLog<T>> {
    CreateTable(FactChangeLog<T>.self, ifNotExists: true, unlogged: true, derived: refilled)
  }

  /// What fills the tables again after a migration drops them: the sentinel goes with each,
  /// so the next catch-up rebuilds from the sources.
  static var refilled: TableDerivation { TableDerivation.rebuiltBy("the next catch-up's rebuild") }

  /// The tables' names, for their privileges.
  static var tableNames: [QualifiedName] {
    [
      MetricsDailyTotals.qualifiedName, FactChangeLog<S.Calls>.qualifiedName,
      FactChangeLog<S.Orders>.qualifiedName, FactChangeLog<S.Reservations>.qualifiedName,
      MetricsAttributionChanges.qualifiedName, MetricsRebuildRequests.qualifiedName,
      MetricsAppliedLocations.qualifiedName, MetricsAppliedAccounts.qualifiedName,
      MetricsLogSentinel.qualifiedName, MetricsTotalsBuilt.qualifiedName,
    ]
  }

  /// The indexes a catch-up reads a changed location's or account's facts through, so moving
  /// them costs what they are, not what every tenant has.
  static var sourceIndexes: [any SQLStatement] {
    SourceIndexes.missing(S.Calls.self) + SourceIndexes.missing(S.Orders.self)
      + SourceIndexes.missing(S.Reservations.self)
  }

  /// `mv_metrics_daily`: the totals with each key's settings applied as it is read; until a
  /// rebuild has computed them, the refresh strategy's query over the sources.
  static var view: CreateView<MetricsDaily> {
    CreateView(MetricsDaily.self, securityInvoker: true) {
      Select(MetricsDaily.self) { q, out in
        let t = q.from(MetricsDailyFromTotals.self, as: "t")
        q.where(totalsBuilt)
        out.columns(of: t.asShape)
      }
      .unionAll(
        Select(MetricsDaily.self) { q, out in
          let m = q.from(MetricsView.query, as: "m")
          q.where(!totalsBuilt)
          out.columns(of: m)
        })
    }
  }

  /// Computes the totals and the applied attribution again from the sources, with the logs
  /// emptied of what they count. Writers never wait for it: one statement, so one snapshot,
  /// takes the logged changes it sees and reads the sources as they are with exactly those
  /// changes; what transactions it does not see log stays for the next catch-up. A catch-up
  /// runs it holding the catch-up's lock, and a rebuild by hand takes that lock too.
  static var createRebuild: CreateFunction {
    CreateFunction(
      rebuildFunction, returns: .void, security: .definer,
      settings: [.emptySearchPath] + RefreshMachinery.refreshSettings
    ) { _ in
      PrimaryOnly.check(rebuildFunction, PrimaryOnly.writesTheMetrics)
      Perform(advisoryXactLock(.constant(RefreshMachinery.lockKey)))
      ZoneOffsets.refresh
      // Emptied first, in this transaction only: readers see the old rows until it commits.
      Delete(from: MetricsDailyTotals.self) { _, _ in }
      Delete(from: MetricsAppliedLocations.self) { _, _ in }
      Delete(from: MetricsAppliedAccounts.self) { _, _ in }
      Delete(from: MetricsLogSentinel.self) { _, _ in }
      Delete(from: MetricsTotalsBuilt.self) { _, _ in }
      with {
        CatchUp<S>.takeLogged
        Delete(from: MetricsAttributionChanges.self, as: "x") { _, _ in }
          .returning(as: ChangedAttribution.self)
        Delete(from: MetricsRebuildRequests.self, as: "x") { _, _ in }
          .returning(as: TakenRebuildRequests.self)
        Insert(into: MetricsAppliedLocations.self, locationsNow()).returning(
          as: AppliedLocationKeys.self)
        Insert(into: MetricsAppliedAccounts.self, accountsNow()).returning(
          as: AppliedAccountKeys.self)
      } insert: {
        Insert(
          into: MetricsDailyTotals.self,
          with {
            MetricsView.locationZones
            MetricsView.accountZones
            MetricsView.dailyFacts
          } select: {
            recomputedTotals
          })
      }
      Insert(into: MetricsLogSentinel.self) { row in row.rebuiltAt(now()) }
      Insert(into: MetricsTotalsBuilt.self) { row in row.builtAt(now()) }
    }
  }

  /// The totals computed from the sources, reading the CTE `daily_facts`: what a rebuild
  /// stores, and what the drift check compares with what is stored.
  static var recomputedTotals: Select<MetricsDailyTotals> {
    Select(MetricsDailyTotals.self) { q, out in
      out.columns(
        of: q.from(MetricsView.dailyTotals { $0.from(DailyFacts.self, as: "f") }, as: "t"))
    }
  }

  /// Each location's account and zone now, as the totals count them: its zone as
  /// `metrics_time_zone_names` lists it, or NULL. `filter` narrows the locations.
  static func locationsNow(
    _ filter: (SelectBuilder, Source<Locations>) -> Void = { _, _ in }
  ) -> Select<MetricsAppliedLocations> {
    Select(MetricsAppliedLocations.self) { q, out in
      let l = q.from(Locations.self, as: "l")
      let z = q.leftJoin(MetricsTimeZoneNames.self, as: "z") { $0.lookupKey == lower(l.timeZone) }
      filter(q, l)
      out.locationID(l.locationID)
      out.accountID(l.accountID)
      out.timeZone(z.name)
    }
  }

  /// Each account's zone now, as the totals count it. `filter` narrows the accounts.
  static func accountsNow(
    _ filter: (SelectBuilder, Source<Accounts>) -> Void = { _, _ in }
  ) -> Select<MetricsAppliedAccounts> {
    Select(MetricsAppliedAccounts.self) { q, out in
      let a = q.from(Accounts.self, as: "a")
      let z = q.leftJoin(MetricsTimeZoneNames.self, as: "z") {
        $0.lookupKey == lower(a.defaultTimeZone)
      }
      filter(q, a)
      out.accountID(a.accountID)
      out.timeZone(z.name)
    }
  }

  /// `private.metrics_daily_catch_up()`: the catch-up itself, which `refresh_metrics_daily()`
  /// calls when there is work.
  static var catchUpFunction: Function<NoParameters> {
    Function("private", "metrics_daily_catch_up")
  }

  /// `private.metrics_daily_reattribute()`: the catch-up when locations or accounts changed,
  /// which the catch-up calls then. In a function of its own, so that the usual catch-up, in
  /// pg_cron's fresh session, compiles without its statement (BENCHMARKS.md).
  static var reattributeFunction: Function<NoParameters> {
    Function("private", "metrics_daily_reattribute")
  }

  /// Adds what writers logged and moves the facts of changed locations and accounts.
  static var createReattribute: CreateFunction {
    CreateFunction(
      reattributeFunction, returns: .void,
      settings: [.emptySearchPath] + RefreshMachinery.refreshSettings
    ) { _ in CatchUp<S>.addLoggedAndMoved }
  }

  /// `private.metrics_daily_idle()`: ``nothingToDo``, in a function of its own, planned only
  /// when called: on a standby no statement may even be planned over the (unlogged) logs.
  static var idleFunction: Function<NoParameters> { Function("private", "metrics_daily_idle") }

  /// `SELECT <nothing to do>`: whether a catch-up would find nothing.
  static var createIdle: CreateFunction {
    CreateFunction(
      idleFunction, returns: PG.Boolean.self, volatility: .stable, security: .definer,
      settings: [.emptySearchPath]
    ) { _ in nothingToDo }
  }

  /// `refresh_metrics_daily()`, what the job runs: a SQL function that calls the catch-up only
  /// when there is something to do (or on a standby, which it then refuses). An idle catch-up
  /// in pg_cron's fresh session so loads no PL/pgSQL and compiles no function: about half the
  /// time (BENCHMARKS.md).
  static var createRefresh: CreateFunction {
    CreateFunction(
      RefreshMachinery.function, returns: PG.Void.self, security: .definer,
      settings: [.emptySearchPath]
    ) { _ in
      // Arms are tried in order: on a standby, the logs are not read.
      Case(else: catchUpFunction.call(returning: PG.Void.self)) {
        When(pgIsInRecovery(), then: catchUpFunction.call(returning: PG.Void.self))
        When<PG.Void, Nullable>(
          idleFunction.call(returning: PG.Boolean.self), then: .null)
      }
    }
  }

  /// The catch-up. Returns at once while another runs; rebuilds when a TRUNCATE asked for it
  /// or the logs may have lost changes; else adds what was logged, moving the facts of changed
  /// locations and accounts only when there are any.
  static var createCatchUp: CreateFunction {
    CreateFunction(
      catchUpFunction, returns: .void, security: .definer,
      settings: [.emptySearchPath] + RefreshMachinery.refreshSettings
    ) { _ in
      PrimaryOnly.check(RefreshMachinery.function, PrimaryOnly.writesTheMetrics)
      RefreshMachinery.returnWhileAnotherCallRuns
      ExceptionBlock(catching: .invalidParameterValue) {
        If(
          exists { q in _ = q.from(MetricsRebuildRequests.self, as: "r") }
            || notExists { q in _ = q.from(MetricsLogSentinel.self, as: "s") }
        ) {
          Perform(callRebuild)
          Return()
        }
        If(exists { q in _ = q.from(MetricsAttributionChanges.self, as: "c") }) {
          Perform(reattributeFunction.call(returning: PG.Void.self))
        } otherwise: {
          CatchUp<S>.addAllLogged
        }
        Delete(from: MetricsDailyTotals.self, as: "t") { q, t in q.where(t.facts == .constant(0)) }
      } handler: {
        RefreshMachinery.listZonesAgain
        Perform(callRebuild)
      }
    }
  }

  /// Nothing logged, no rebuild asked for, the logs intact: what most catch-ups find, answered
  /// by `private.metrics_daily_idle()` before the catch-up is called at all.
  static var nothingToDo: SQLExpression<PG.Boolean, NotNull> {
    notExists { q in _ = q.from(MetricsRebuildRequests.self, as: "r") }
      && exists { q in _ = q.from(MetricsLogSentinel.self, as: "s") }
      && notExists { q in _ = q.from(MetricsAttributionChanges.self, as: "c") }
      && notExists { q in _ = q.from(FactChangeLog<S.Calls>.self, as: "x") }
      && notExists { q in _ = q.from(FactChangeLog<S.Orders>.self, as: "x") }
      && notExists { q in _ = q.from(FactChangeLog<S.Reservations>.self, as: "x") }
  }

  static var callRebuild: SQLExpression<PG.Void, Nullable> {
    rebuildFunction.call(returning: PG.Void.self)
  }
}
