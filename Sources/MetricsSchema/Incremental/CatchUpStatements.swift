import SQLBuilder

extension CatchUp {
  /// Takes the logged changes of `Changes`: rows with `sign` 1 as `Added`, -1 as `Removed`.
  static func take<Changes: FactChanges, Added: CommonTable, Removed: CommonTable>(
    _: Changes.Type, _: Added.Type, _: Removed.Type
  ) -> [CommonTableEntry] {
    commonTables {
      Delete(from: Changes.self, as: "x") { q, x in q.where(x.sign == .constant(1)) }
        .returning(as: Added.self)
      Delete(from: Changes.self, as: "x") { q, x in q.where(x.sign == .constant(-1)) }
        .returning(as: Removed.self)
    }
  }

  static let takeCalls = take(MetricsCallChanges.self, CallsAdded.self, CallsRemoved.self)
  static let takeOrders = take(MetricsOrderChanges.self, OrdersAdded.self, OrdersRemoved.self)
  static let takeReservations = take(
    MetricsReservationChanges.self, ReservationsAdded.self, ReservationsRemoved.self)

  /// Everything writers logged since the last catch-up, taken from the logs.
  static let takeLogged = takeCalls + takeOrders + takeReservations

  /// The changed locations and accounts, taken from their log, and what they move: the
  /// relocated locations and rezoned accounts, and their facts in the base tables.
  static let takeAttribution = commonTables {
    Delete(from: MetricsAttributionChanges.self, as: "x") { _, _ in }
      .returning(as: ChangedAttribution.self)
    Select(RezonedAccounts.self) { q, out in
      let c = q.from(ChangedAttribution.self, as: "c")
      q.where(c.accountID.isNotNull)
      q.groupBy(c.accountID)
      out.accountID(c.accountID.assumingNotNull)
    }
    Select(RelocatedLocations.self) { q, out in
      let c = q.from(ChangedAttribution.self, as: "c")
      q.where(c.locationID.isNotNull)
      out.locationID(c.locationID.assumingNotNull)
    }
    .union(
      Select(RelocatedLocations.self) { q, out in
        let a = q.from(MetricsAppliedLocations.self, as: "a")
        q.join(RezonedAccounts.self, as: "z") { $0.accountID == a.accountID }
        out.locationID(a.locationID)
      }
    )
    .union(
      Select(RelocatedLocations.self) { q, out in
        let l = q.from(Locations.self, as: "l")
        q.join(RezonedAccounts.self, as: "z") { $0.accountID == l.accountID }
        out.locationID(l.locationID)
      })
    Select(RelocatedCalls.self) { q, out in
      let c = q.from(Calls.self, as: "c")
      q.where(c.locationID.isAny { $0.from(RelocatedLocations.self, as: "m").locationID })
      out.columns(of: c)
    }
    Select(RelocatedOrders.self) { q, out in
      let o = q.from(Orders.self, as: "o")
      q.where(
        o.locationID.isAny { $0.from(RelocatedLocations.self, as: "m").locationID }
          || o.accountID.isAny { $0.from(RezonedAccounts.self, as: "z").accountID })
      out.columns(of: o)
    }
    Select(RelocatedReservations.self) { q, out in
      let r = q.from(Reservations.self, as: "r")
      q.where(r.locationID.isAny { $0.from(RelocatedLocations.self, as: "m").locationID })
      out.columns(of: r)
    }
  }

  /// Records today's attribution of the relocated locations and rezoned accounts as applied.
  static let applyAttribution = commonTables {
    Insert(
      into: MetricsAppliedLocations.self,
      IncrementalMachinery.locationsNow { q, l in
        q.where(l.locationID.in { $0.from(RelocatedLocations.self, as: "m").locationID })
      }
    )
    .onConflict(\.locationID) { set, _, now in
      set.accountID(now.accountID)
      set.timeZone(now.timeZone)
    }
    .returning(as: AppliedLocationKeys.self)
    Delete(from: MetricsAppliedLocations.self, as: "a") { q, a in
      q.where(
        a.locationID.in { $0.from(RelocatedLocations.self, as: "m").locationID }
          && notExists { sub in
            let l = sub.from(Locations.self, as: "l")
            sub.where(l.locationID == a.locationID)
          })
    }
    .returning(as: ForgottenLocationKeys.self)
    Insert(
      into: MetricsAppliedAccounts.self,
      IncrementalMachinery.accountsNow { q, a in
        q.where(a.accountID.in { $0.from(RezonedAccounts.self, as: "r").accountID })
      }
    )
    .onConflict(\.accountID) { set, _, now in set.timeZone(now.timeZone) }
    .returning(as: AppliedAccountKeys.self)
    Delete(from: MetricsAppliedAccounts.self, as: "a") { q, a in
      q.where(
        a.accountID.in { $0.from(RezonedAccounts.self, as: "r").accountID }
          && notExists { sub in
            let x = sub.from(Accounts.self, as: "x")
            sub.where(x.accountID == a.accountID)
          })
    }
    .returning(as: ForgottenAccountKeys.self)
  }

  /// Takes `entries` from a log and adds the rows they bring, `added` and `removed` reading
  /// them as they now are and as they were.
  static func addLogged(_ entries: [CommonTableEntry], added: FactInputs, removed: FactInputs)
    -> Insert<MetricsDailyTotals>
  {
    with {
      entries
    } insert: {
      add(delta([totals(added), totals(removed, negated: true)]))
    }
  }

  /// Adds the calls writers logged, when no location or account changed.
  static let addLoggedCalls = addLogged(
    takeCalls,
    added: calls(CallsAdded.self, locations: MetricsAppliedLocations.self, zones: .applied),
    removed: calls(CallsRemoved.self, locations: MetricsAppliedLocations.self, zones: .applied))

  /// Adds the orders writers logged, when no location or account changed.
  static let addLoggedOrders = addLogged(
    takeOrders,
    added: orders(OrdersAdded.self, locations: MetricsAppliedLocations.self, zones: .applied),
    removed: orders(OrdersRemoved.self, locations: MetricsAppliedLocations.self, zones: .applied))

  /// Adds the reservations writers logged, when no location or account changed.
  static let addLoggedReservations = addLogged(
    takeReservations,
    added: reservations(
      ReservationsAdded.self, locations: MetricsAppliedLocations.self, zones: .applied),
    removed: reservations(
      ReservationsRemoved.self, locations: MetricsAppliedLocations.self, zones: .applied))

  /// Adds what writers logged and moves the facts of changed locations and accounts.
  static let addLoggedAndMoved = with {
    takeLogged
    MetricsView.locationZones
    MetricsView.accountZones
    takeAttribution
    applyAttribution
  } insert: {
    add(delta(logged + moved))
  }
}
