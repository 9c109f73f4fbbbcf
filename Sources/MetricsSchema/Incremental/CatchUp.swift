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
  /// The facts `inputs` reads, totalled per key; negated to take them away.
  static func totals(_ inputs: FactInputs, negated: Bool = false) -> Select<DailyTotals> {
    let totals = MetricsView.dailyTotals { $0.from(MetricsView.dailyFacts(inputs), as: "f") }
    guard negated else { return totals }
    return Select(DailyTotals.self) { q, out in
      let t = q.from(totals, as: "t")
      let none = SQLExpression<PG.BigInt, NotNull>.constant(0)
      let noCents = SQLExpression<PG.DoublePrecision, NotNull>.constant(0)
      out.accountID(t.accountID)
      out.locationID(t.locationID)
      out.date(t.date)
      out.facts(none - t.facts)
      out.totalCalls(none - t.totalCalls)
      out.ordersCount(none - t.ordersCount)
      out.reservationsCount(none - t.reservationsCount)
      out.completedCalls(none - t.completedCalls)
      out.orderCents(noCents - t.orderCents)
      out.overrideCents(noCents - t.overrideCents)
      out.estimateGuests(none - t.estimateGuests)
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
      func total(_ column: SQLExpression<PG.BigInt, NotNull>) -> SQLExpression<PG.BigInt, NotNull> {
        coalesce(sum(column), zero).cast(to: PG.BigInt.self)
      }
      func cents(_ column: SQLExpression<PG.DoublePrecision, NotNull>)
        -> SQLExpression<PG.DoublePrecision, NotNull>
      { coalesce(sum(column), noCents) }
      q.having(
        sum(d.facts) != zero || sum(d.totalCalls) != zero || sum(d.ordersCount) != zero
          || sum(d.reservationsCount) != zero || sum(d.completedCalls) != zero
          || sum(d.orderCents) != noCents || sum(d.overrideCents) != noCents
          || sum(d.estimateGuests) != zero)
      out.accountID(d.accountID)
      out.locationID(d.locationID)
      out.date(d.date)
      out.facts(total(d.facts))
      out.totalCalls(total(d.totalCalls))
      out.ordersCount(total(d.ordersCount))
      out.reservationsCount(total(d.reservationsCount))
      out.completedCalls(total(d.completedCalls))
      out.orderCents(cents(d.orderCents))
      out.overrideCents(cents(d.overrideCents))
      out.estimateGuests(total(d.estimateGuests))
    }
  }

  /// Adds `delta` to the totals, key by key.
  static func add(_ delta: Select<MetricsDailyTotals>) -> Insert<MetricsDailyTotals> {
    Insert(into: MetricsDailyTotals.self, delta)
      .onConflict(\.accountID, \.locationID, \.date) { set, t, change in
        set.facts(t.facts + change.facts)
        set.totalCalls(t.totalCalls + change.totalCalls)
        set.ordersCount(t.ordersCount + change.ordersCount)
        set.reservationsCount(t.reservationsCount + change.reservationsCount)
        set.completedCalls(t.completedCalls + change.completedCalls)
        set.orderCents(t.orderCents + change.orderCents)
        set.overrideCents(t.overrideCents + change.overrideCents)
        set.estimateGuests(t.estimateGuests + change.estimateGuests)
      }
  }
}
