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
enum CatchUp {
  /// The columns a catch-up adds up, as `daily_totals` and `metrics_daily_totals` both name
  /// them: every column but the key. A metric column is added here as well as to both.
  static var counts:
    [(
      KeyPath<DailyTotals, Column<PG.BigInt, NotNull>>,
      KeyPath<MetricsDailyTotals, Column<PG.BigInt, NotNull>>
    )]
  {
    [
      (\.facts, \.facts), (\.totalCalls, \.totalCalls), (\.ordersCount, \.ordersCount),
      (\.reservationsCount, \.reservationsCount), (\.completedCalls, \.completedCalls),
      (\.estimateGuests, \.estimateGuests),
    ]
  }
  static var cents:
    [(
      KeyPath<DailyTotals, Column<PG.DoublePrecision, NotNull>>,
      KeyPath<MetricsDailyTotals, Column<PG.DoublePrecision, NotNull>>
    )]
  {
    [(\.orderCents, \.orderCents), (\.overrideCents, \.overrideCents)]
  }

  /// The facts `inputs` reads, totalled per key; negated to take them away.
  static func totals(_ inputs: FactInputs, negated: Bool = false) -> Select<DailyTotals> {
    let totals = MetricsView.dailyTotals { $0.from(MetricsView.dailyFacts(inputs), as: "f") }
    guard negated else { return totals }
    return Select(DailyTotals.self) { q, out in
      let t = q.from(totals, as: "t")
      let none = SQLExpression<PG.BigInt, NotNull>.constant(0)
      let noCents = SQLExpression<PG.DoublePrecision, NotNull>.constant(0)
      for (column, _) in counts { out[dynamicMember: column](none - t[dynamicMember: column]) }
      for (column, _) in cents { out[dynamicMember: column](noCents - t[dynamicMember: column]) }
      out.columns(of: t)
    }
  }

  /// The fact views' declarations over `C`, `O` and `R` rows, with `L`'s locations and
  /// `zones`' zones.
  static func inputs<C: CallRows, O: OrderRows, R: ReservationRows, L: LocationRows>(
    _ c: C.Type, _ o: O.Type, _ r: R.Type, locations l: L.Type, zones: ZoneLookup
  ) -> FactInputs {
    var inputs = calls(c, locations: l, zones: zones)
    inputs.orders = orders(o, locations: l, zones: zones).orders
    inputs.reservations = reservations(r, locations: l, zones: zones).reservations
    return inputs
  }

  /// `C` rows read as `calls_v`, and no other facts.
  static func calls<C: CallRows, L: LocationRows>(
    _: C.Type, locations _: L.Type, zones: ZoneLookup
  ) -> FactInputs {
    FactInputs(calls: { $0.from(FactSources.calls(C.self, L.self), as: "c") }, zones: zones)
  }

  /// `O` rows read as `orders_v`, and no other facts.
  static func orders<O: OrderRows, L: LocationRows>(
    _: O.Type, locations _: L.Type, zones: ZoneLookup
  ) -> FactInputs {
    FactInputs(orders: { $0.from(FactSources.orders(O.self, L.self), as: "o") }, zones: zones)
  }

  /// `R` rows read as `reservations_v`, and no other facts.
  static func reservations<R: ReservationRows, L: LocationRows>(
    _: R.Type, locations _: L.Type, zones: ZoneLookup
  ) -> FactInputs {
    FactInputs(
      reservations: { $0.from(FactSources.reservations(R.self, L.self), as: "r") },
      zones: zones)
  }

  /// The logged rows as they now are, and as they were, dated as the totals are.
  static let logged = [
    totals(
      inputs(
        CallsAdded.self, OrdersAdded.self, ReservationsAdded.self,
        locations: MetricsAppliedLocations.self, zones: .applied)),
    totals(
      inputs(
        CallsRemoved.self, OrdersRemoved.self, ReservationsRemoved.self,
        locations: MetricsAppliedLocations.self, zones: .applied), negated: true),
  ]

  /// The facts of relocated locations and rezoned accounts, counted as they count now and
  /// taken away as the totals counted them.
  static let moved = [
    totals(
      inputs(
        RelocatedCalls.self, RelocatedOrders.self, RelocatedReservations.self,
        locations: Locations.self, zones: .listed)),
    totals(
      inputs(
        RelocatedCalls.self, RelocatedOrders.self, RelocatedReservations.self,
        locations: MetricsAppliedLocations.self, zones: .applied), negated: true),
  ]

  /// The change per key of `parts`, leaving out keys that do not change.
  static func delta(_ parts: [Select<DailyTotals>]) -> Select<MetricsDailyTotals> {
    let all = parts.dropFirst().reduce(parts[0]) { $0.unionAll($1) }
    return Select(MetricsDailyTotals.self) { q, out in
      let d = q.from(all, as: "d")
      q.groupBy(d.accountID, d.locationID, d.date)
      let zero = SQLExpression<PG.Numeric, NotNull>.constant(0)
      let noCents = SQLExpression<PG.DoublePrecision, NotNull>.constant(0)
      var changes: [SQLExpression<PG.Boolean, Nullable>] = []
      for (summed, column) in counts {
        let total = sum(d[dynamicMember: summed])
        changes.append(total != zero)
        out[dynamicMember: column](coalesce(total, zero).cast(to: PG.BigInt.self))
      }
      for (summed, column) in cents {
        let total = sum(d[dynamicMember: summed])
        changes.append(total != noCents)
        out[dynamicMember: column](coalesce(total, noCents))
      }
      q.having(changes.dropFirst().reduce(changes[0]) { $0 || $1 })
      out.columns(of: d)
    }
  }

  /// Adds `delta` to the totals, key by key.
  static func add(_ delta: Select<MetricsDailyTotals>) -> Insert<MetricsDailyTotals> {
    Insert(into: MetricsDailyTotals.self, delta)
      .onConflict(\.accountID, \.locationID, \.date) { set, t, change in
        for (_, column) in counts {
          set[dynamicMember: column](t[dynamicMember: column] + change[dynamicMember: column])
        }
        for (_, column) in cents {
          set[dynamicMember: column](t[dynamicMember: column] + change[dynamicMember: column])
        }
      }
  }
}
