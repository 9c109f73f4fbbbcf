import SQLBuilder

/// The incremental strategy's catch-up: one statement that takes what writers logged and adds
/// it to `metrics_daily_totals`, and, for locations and accounts that changed, moves their
/// facts to the account and date they count for now.
///
/// Every logged change is dated under the attribution the totals were built with
/// (`metrics_applied_locations` and `…_accounts`); the facts of a changed location or account
/// then count once more under the attribution of now and once less under the applied one, and
/// the applied attribution becomes today's. All of it reads one snapshot, so a writer that
/// commits meanwhile is simply left for the next catch-up, whatever zone it saw.
enum CatchUp<S: SourceSchema> {
  /// The columns a catch-up adds up: every column of the totals but the key, each a count
  /// (`bigint`) or cents (`double precision`), read from the declarations.
  static var summed: [any AnyColumn] {
    DailyTotals.columns.filter { !DailyTotals.key.contains($0.name) }
  }

  /// A summed column of `source`, typed as its kind.
  enum Total {
    case count(SQLExpression<PG.BigInt, NotNull>)
    case cents(SQLExpression<PG.DoublePrecision, NotNull>)

    init<R: Relation>(_ source: Source<R>, _ column: any AnyColumn) {
      let node = SQLNode.column(source.reference.column(named: column.name, readAsNotNull: true))
      switch column.typeInfo.name {
      case PG.BigInt.sqlName: self = .count(.init(unchecked: node))
      case PG.DoublePrecision.sqlName: self = .cents(.init(unchecked: node))
      default:
        preconditionFailure(
          "daily_totals.\(column.name) is \(column.typeInfo.name): a total is bigint or double precision"
        )
      }
    }
  }

  /// The facts `inputs` reads, totalled per key; negated to take them away.
  static func totals(_ inputs: FactInputs, negated: Bool = false) -> Select<DailyTotals> {
    let totals = MetricsView.dailyTotals { $0.from(MetricsView.dailyFacts(inputs), as: "f") }
    guard negated else { return totals }
    return Select(DailyTotals.self) { q, out in
      let t = q.from(totals, as: "t")
      for column in summed {
        switch Total(t, column) {
        case .count(let x):
          out.set((SQLExpression<PG.BigInt, NotNull>.constant(0) - x).node, for: column)
        case .cents(let x):
          out.set((SQLExpression<PG.DoublePrecision, NotNull>.constant(0) - x).node, for: column)
        }
      }
      out.columns(of: t)
    }
  }

  /// The facts of the three base tables' rows named `Name`, read as their views with `L`'s
  /// locations and `zones`' zones.
  static func inputs<Name: FactRowsName, L: LocationRows>(
    _: Name.Type, locations _: L.Type, zones: ZoneLookup
  ) -> FactInputs {
    FactInputs(
      calls: { $0.from(view(S.Calls.self, Name.self, L.self), as: "c") },
      orders: { $0.from(view(S.Orders.self, Name.self, L.self), as: "o") },
      reservations: { $0.from(view(S.Reservations.self, Name.self, L.self), as: "r") },
      zones: zones)
  }

  /// `T`'s view over its rows named `Name`, with `L`'s locations.
  static func view<T: FactTable, Name: FactRowsName, L: LocationRows>(
    _: T.Type, _: Name.Type, _: L.Type
  ) -> Select<T.Fact> {
    FactSources.view(T.self, reading: Named<Name, T>.self, locations: L.self)
  }

  /// The logged rows, dated as the totals are, in one aggregate: each row as it now is adds to
  /// its key, each as it was takes away from its own. ``MetricsLoggedTotals`` is this query.
  static var loggedTotals: Select<MetricsLoggedTotals> {
    let facts = MetricsView.stacked([
      signedFacts(S.Calls.self, MetricsView.callFacts),
      signedFacts(S.Orders.self, MetricsView.orderFacts),
      signedFacts(S.Reservations.self, MetricsView.reservationFacts),
    ])
    return Select(MetricsLoggedTotals.self) { q, out in
      let f = q.from(facts, as: "f")
      let totals = Projection<DailyTotals>()
      MetricsView.totals(q, f.asShape, sign: f.sign, totals)
      out.columns(setBy: totals)
    }
  }

  /// The logged totals, read from their view: `SELECT l.account_id, … FROM
  /// private.metrics_logged_totals l`.
  static var logged: Select<DailyTotals> {
    Select(DailyTotals.self) { q, out in
      out.columns(of: q.from(MetricsLoggedTotals.self, as: "l").asShape)
    }
  }

  /// The facts `define` makes of `T`'s logged rows, read through `T`'s view with the applied
  /// locations and dated in the applied zones, each with its row's sign.
  static func signedFacts<T: FactTable>(
    _: T.Type,
    _ define: @escaping (SelectBuilder, Source<T.Fact>, ZoneLookup, Projection<DailyFacts>) -> Void
  ) -> Select<Signed<DailyFacts>> {
    let alias = FactSources.alias(T.self)
    let rows = Signed<T.Fact>.rows(reading: { $0.from(FactChangeLog<T>.self, as: alias) }) {
      FactSources.fact($0, $1, locations: MetricsAppliedLocations.self, $2)
    }
    return Signed<DailyFacts>.rows(reading: { $0.from(rows, as: alias) }) {
      define($0, $1, .applied, $2)
    }
  }

  /// The facts of relocated locations and rezoned accounts, counted as they count now and
  /// taken away as the totals counted them.
  static var moved: [Select<DailyTotals>] {
    [
      totals(inputs(Relocated.self, locations: Locations.self, zones: .listed)),
      totals(
        inputs(Relocated.self, locations: MetricsAppliedLocations.self, zones: .applied),
        negated: true),
    ]
  }

  /// The rows of `totals`, one per key, that change their key: `… WHERE d.facts <> 0 OR …`.
  static func changes(_ totals: (SelectBuilder) -> Source<DailyTotals>)
    -> Select<MetricsDailyTotals>
  {
    Select(MetricsDailyTotals.self) { q, out in
      let d = totals(q)
      let changes = summed.map { column -> SQLExpression<PG.Boolean, NotNull> in
        switch Total(d, column) {
        case .count(let x): x != .constant(0)
        case .cents(let x): x != .constant(0)
        }
      }
      q.where(changes.dropFirst().reduce(changes[0]) { $0 || $1 })
      out.columns(of: d)
    }
  }

  /// The change per key of `parts`, summed per key, leaving out keys that do not change.
  static func delta(_ parts: [Select<DailyTotals>]) -> Select<MetricsDailyTotals> {
    Select(MetricsDailyTotals.self) { q, out in
      let d = q.from(MetricsView.stacked(parts), as: "d")
      q.groupBy(d.accountID, d.locationID, d.date)
      var changes: [SQLExpression<PG.Boolean, Nullable>] = []
      for column in summed {
        switch Total(d, column) {
        case .count(let x):
          let zero = SQLExpression<PG.Numeric, NotNull>.constant(0)
          changes.append(sum(x) != zero)
          out.set(coalesce(sum(x), zero).cast(to: PG.BigInt.self).node, for: column)
        case .cents(let x):
          let zero = SQLExpression<PG.DoublePrecision, NotNull>.constant(0)
          changes.append(sum(x) != zero)
          out.set(coalesce(sum(x), zero).node, for: column)
        }
      }
      q.having(changes.dropFirst().reduce(changes[0]) { $0 || $1 })
      out.columns(of: d)
    }
  }

  /// Adds `delta` to the totals, key by key.
  static func add(_ delta: Select<MetricsDailyTotals>) -> Insert<MetricsDailyTotals> {
    Insert(into: MetricsDailyTotals.self, delta)
      .onConflict(\.accountID, \.locationID, \.date) { set, t, change in
        for column in summed {
          switch (Total(t, column), Total(change, column)) {
          case (.count(let old), .count(let new)): set.set((old + new).node, for: column)
          case (.cents(let old), .cents(let new)): set.set((old + new).node, for: column)
          default: preconditionFailure("daily_totals.\(column.name) changed its type")
          }
        }
      }
  }
}
