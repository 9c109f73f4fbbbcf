import SQLBuilder

/// The triggers that log writes for the incremental strategy: statement triggers with
/// transition tables, so a statement of any size costs one INSERT per trigger. Facts are
/// logged as rows shaped like their base tables (updates that change nothing the metrics read
/// log nothing); locations and accounts log only which of them changed; a TRUNCATE asks for a
/// rebuild. The functions run as their owner: writers need no privilege on the logs.
enum ChangeCapture {
  static func function(_ name: String) -> Function<NoParameters> {
    Function("private", "metrics_capture_\(name)")
  }

  static func capture(_ name: String, @PLBuilder _ body: () -> [any PLStatement])
    -> CreateFunction
  {
    let statements = body()
    return CreateFunction(
      function(name), returns: .trigger, security: .definer, settings: [.emptySearchPath]
    ) { _ in
      statements
      Return.null
    }
  }

  // MARK: calls

  static func copy<C: CallRows>(
    _ c: Source<C>, sign: Int64, into out: Projection<MetricsCallChanges>
  ) {
    out.sign(.constant(sign))
    out.id(c.id)
    out.locationID(c.locationID)
    out.status(c.status)
    out.callType(c.callType)
    out.startedAt(c.startedAt)
    out.loggedAt(now())
  }

  static func callChanged(_ o: Source<OldCalls>, _ n: Source<NewCalls>)
    -> SQLExpression<PG.Boolean, NotNull>
  {
    o.locationID.isDistinct(from: n.locationID) || o.status.isDistinct(from: n.status)
      || o.callType.isDistinct(from: n.callType) || o.startedAt.isDistinct(from: n.startedAt)
  }

  static let calls: [any SQLStatement] = [
    capture("call_inserts") {
      Insert(
        into: MetricsCallChanges.self,
        Select(MetricsCallChanges.self) { q, out in
          copy(q.from(NewCalls.self, as: "n"), sign: 1, into: out)
        })
    },
    capture("call_updates") {
      Insert(
        into: MetricsCallChanges.self,
        Select(MetricsCallChanges.self) { q, out in
          let o = q.from(OldCalls.self, as: "o")
          q.where(
            notExists { sub in
              let n = sub.from(NewCalls.self, as: "n")
              sub.where(n.id == o.id && !callChanged(o, n))
            })
          copy(o, sign: -1, into: out)
        }
        .unionAll(
          Select(MetricsCallChanges.self) { q, out in
            let n = q.from(NewCalls.self, as: "n")
            q.where(
              notExists { sub in
                let o = sub.from(OldCalls.self, as: "o")
                sub.where(o.id == n.id && !callChanged(o, n))
              })
            copy(n, sign: 1, into: out)
          }))
    },
    capture("call_deletes") {
      Insert(
        into: MetricsCallChanges.self,
        Select(MetricsCallChanges.self) { q, out in
          copy(q.from(OldCalls.self, as: "o"), sign: -1, into: out)
        })
    },
  ]

  // MARK: orders

  static func copy<O: OrderRows>(
    _ o: Source<O>, sign: Int64, into out: Projection<MetricsOrderChanges>
  ) {
    out.sign(.constant(sign))
    out.id(o.id)
    out.accountID(o.accountID)
    out.locationID(o.locationID)
    out.totalAmount(o.totalAmount)
    out.createdAt(o.createdAt)
    out.loggedAt(now())
  }

  static func orderChanged(_ o: Source<OldOrders>, _ n: Source<NewOrders>)
    -> SQLExpression<PG.Boolean, NotNull>
  {
    o.accountID.isDistinct(from: n.accountID) || o.locationID.isDistinct(from: n.locationID)
      || o.totalAmount.isDistinct(from: n.totalAmount)
      || o.createdAt.isDistinct(from: n.createdAt)
  }

  static let orders: [any SQLStatement] = [
    capture("order_inserts") {
      Insert(
        into: MetricsOrderChanges.self,
        Select(MetricsOrderChanges.self) { q, out in
          copy(q.from(NewOrders.self, as: "n"), sign: 1, into: out)
        })
    },
    capture("order_updates") {
      Insert(
        into: MetricsOrderChanges.self,
        Select(MetricsOrderChanges.self) { q, out in
          let o = q.from(OldOrders.self, as: "o")
          q.where(
            notExists { sub in
              let n = sub.from(NewOrders.self, as: "n")
              sub.where(n.id == o.id && !orderChanged(o, n))
            })
          copy(o, sign: -1, into: out)
        }
        .unionAll(
          Select(MetricsOrderChanges.self) { q, out in
            let n = q.from(NewOrders.self, as: "n")
            q.where(
              notExists { sub in
                let o = sub.from(OldOrders.self, as: "o")
                sub.where(o.id == n.id && !orderChanged(o, n))
              })
            copy(n, sign: 1, into: out)
          }))
    },
    capture("order_deletes") {
      Insert(
        into: MetricsOrderChanges.self,
        Select(MetricsOrderChanges.self) { q, out in
          copy(q.from(OldOrders.self, as: "o"), sign: -1, into: out)
        })
    },
  ]

  // MARK: reservations

  static func copy<R: ReservationRows>(
    _ r: Source<R>, sign: Int64, into out: Projection<MetricsReservationChanges>
  ) {
    out.sign(.constant(sign))
    out.id(r.id)
    out.locationID(r.locationID)
    out.guestCount(r.guestCount)
    out.avgSpendPerHeadOverride(r.avgSpendPerHeadOverride)
    out.createdAt(r.createdAt)
    out.loggedAt(now())
  }

  static func reservationChanged(_ o: Source<OldReservations>, _ n: Source<NewReservations>)
    -> SQLExpression<PG.Boolean, NotNull>
  {
    o.locationID.isDistinct(from: n.locationID) || o.guestCount.isDistinct(from: n.guestCount)
      || o.avgSpendPerHeadOverride.isDistinct(from: n.avgSpendPerHeadOverride)
      || o.createdAt.isDistinct(from: n.createdAt)
  }

  static let reservations: [any SQLStatement] = [
    capture("reservation_inserts") {
      Insert(
        into: MetricsReservationChanges.self,
        Select(MetricsReservationChanges.self) { q, out in
          copy(q.from(NewReservations.self, as: "n"), sign: 1, into: out)
        })
    },
    capture("reservation_updates") {
      Insert(
        into: MetricsReservationChanges.self,
        Select(MetricsReservationChanges.self) { q, out in
          let o = q.from(OldReservations.self, as: "o")
          q.where(
            notExists { sub in
              let n = sub.from(NewReservations.self, as: "n")
              sub.where(n.id == o.id && !reservationChanged(o, n))
            })
          copy(o, sign: -1, into: out)
        }
        .unionAll(
          Select(MetricsReservationChanges.self) { q, out in
            let n = q.from(NewReservations.self, as: "n")
            q.where(
              notExists { sub in
                let o = sub.from(OldReservations.self, as: "o")
                sub.where(o.id == n.id && !reservationChanged(o, n))
              })
            copy(n, sign: 1, into: out)
          }))
    },
    capture("reservation_deletes") {
      Insert(
        into: MetricsReservationChanges.self,
        Select(MetricsReservationChanges.self) { q, out in
          copy(q.from(OldReservations.self, as: "o"), sign: -1, into: out)
        })
    },
  ]
}

extension ChangeCapture {
  // MARK: locations and accounts

  static func logLocation<L: LocationRows>(
    _ l: Source<L>, into out: Projection<MetricsAttributionChanges>
  ) {
    out.locationID(l.locationID.nullable)
    out.accountID(.null)
    out.loggedAt(now())
  }

  static func locationChanged(_ o: Source<OldLocations>, _ n: Source<NewLocations>)
    -> SQLExpression<PG.Boolean, NotNull>
  { o.accountID.isDistinct(from: n.accountID) || o.timeZone.isDistinct(from: n.timeZone) }

  static let locations: [any SQLStatement] = [
    capture("location_inserts") {
      Insert(
        into: MetricsAttributionChanges.self,
        Select(MetricsAttributionChanges.self) { q, out in
          logLocation(q.from(NewLocations.self, as: "n"), into: out)
        })
    },
    capture("location_updates") {
      Insert(
        into: MetricsAttributionChanges.self,
        Select(MetricsAttributionChanges.self) { q, out in
          let o = q.from(OldLocations.self, as: "o")
          q.where(
            notExists { sub in
              let n = sub.from(NewLocations.self, as: "n")
              sub.where(n.locationID == o.locationID && !locationChanged(o, n))
            })
          logLocation(o, into: out)
        }
        .union(
          Select(MetricsAttributionChanges.self) { q, out in
            let n = q.from(NewLocations.self, as: "n")
            q.where(
              notExists { sub in
                let o = sub.from(OldLocations.self, as: "o")
                sub.where(o.locationID == n.locationID && !locationChanged(o, n))
              })
            logLocation(n, into: out)
          }))
    },
    capture("location_deletes") {
      Insert(
        into: MetricsAttributionChanges.self,
        Select(MetricsAttributionChanges.self) { q, out in
          logLocation(q.from(OldLocations.self, as: "o"), into: out)
        })
    },
  ]

  static let accounts: [any SQLStatement] = [
    capture("account_inserts") {
      Insert(
        into: MetricsAttributionChanges.self,
        Select(MetricsAttributionChanges.self) { q, out in
          let n = q.from(NewAccounts.self, as: "n")
          out.locationID(.null)
          out.accountID(n.accountID.nullable)
          out.loggedAt(now())
        })
    },
    capture("account_updates") {
      Insert(
        into: MetricsAttributionChanges.self,
        Select(MetricsAttributionChanges.self) { q, out in
          let o = q.from(OldAccounts.self, as: "o")
          q.where(
            notExists { sub in
              let n = sub.from(NewAccounts.self, as: "n")
              sub.where(
                n.accountID == o.accountID
                  && n.defaultTimeZone.isNotDistinct(from: o.defaultTimeZone))
            })
          out.locationID(.null)
          out.accountID(o.accountID.nullable)
          out.loggedAt(now())
        }
        .union(
          Select(MetricsAttributionChanges.self) { q, out in
            let n = q.from(NewAccounts.self, as: "n")
            q.where(
              notExists { sub in
                let o = sub.from(OldAccounts.self, as: "o")
                sub.where(
                  o.accountID == n.accountID
                    && n.defaultTimeZone.isNotDistinct(from: o.defaultTimeZone))
              })
            out.locationID(.null)
            out.accountID(n.accountID.nullable)
            out.loggedAt(now())
          }))
    },
    capture("account_deletes") {
      Insert(
        into: MetricsAttributionChanges.self,
        Select(MetricsAttributionChanges.self) { q, out in
          let o = q.from(OldAccounts.self, as: "o")
          out.locationID(.null)
          out.accountID(o.accountID.nullable)
          out.loggedAt(now())
        })
    },
  ]

  /// A TRUNCATE leaves no rows to log: it asks the next catch-up for a rebuild.
  static let truncations: [any SQLStatement] = [
    capture("truncations") {
      Insert(into: MetricsRebuildRequests.self) { row in row.requestedAt(now()) }
    }
  ]

  /// The triggers on `Table` for inserts, updates and deletes, calling `metrics_capture_<name>_…`.
  static func triggers<Table: Relation>(
    on _: Table.Type, _ name: String, old: String, new: String
  ) -> [any SQLStatement] {
    [
      CreateTrigger(
        "metrics_capture_\(name)_inserts", .after, [.insert], on: Table.self, forEach: .statement,
        referencing: [.newTable(as: new)], execute: function("\(name)_inserts")),
      CreateTrigger(
        "metrics_capture_\(name)_updates", .after, [.update], on: Table.self, forEach: .statement,
        referencing: [.oldTable(as: old), .newTable(as: new)],
        execute: function("\(name)_updates")),
      CreateTrigger(
        "metrics_capture_\(name)_deletes", .after, [.delete], on: Table.self, forEach: .statement,
        referencing: [.oldTable(as: old)], execute: function("\(name)_deletes")),
      CreateTrigger(
        "metrics_capture_\(name)_truncations", .after, [.truncate], on: Table.self,
        forEach: .statement, execute: function("truncations")),
    ]
  }

  /// Every capture function, then every trigger.
  static let statements: [any SQLStatement] =
    calls + orders + reservations + locations + accounts + truncations
    + triggers(on: Calls.self, "call", old: "old_calls", new: "new_calls")
    + triggers(on: Orders.self, "order", old: "old_orders", new: "new_orders")
    + triggers(
      on: Reservations.self, "reservation", old: "old_reservations", new: "new_reservations")
    + triggers(on: Locations.self, "location", old: "old_locations", new: "new_locations")
    + triggers(on: Accounts.self, "account", old: "old_accounts", new: "new_accounts")
}
