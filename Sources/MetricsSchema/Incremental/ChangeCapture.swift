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

  /// The insert, update and delete capture functions of one table, `metrics_capture_<name>_…`,
  /// logging into `Changes`: `copy` writes a row of `Old` or `New` with a sign (1 as it now
  /// is, -1 as it was), and `unchanged` says an old and a new row are the same row, changed
  /// in nothing the metrics read, which an update then does not log.
  static func captures<Changes: Relation, New: TransitionTable, Old: TransitionTable>(
    _ name: String, into _: Changes.Type, new _: New.Type, old _: Old.Type,
    copyNew: @escaping (Source<New>, Int64, Projection<Changes>) -> Void,
    copyOld: @escaping (Source<Old>, Int64, Projection<Changes>) -> Void,
    unchanged: @escaping (Source<Old>, Source<New>) -> SQLExpression<PG.Boolean, NotNull>
  ) -> [any SQLStatement] {
    [
      capture("\(name)_inserts") {
        Insert(
          into: Changes.self,
          Select(Changes.self) { q, out in copyNew(q.from(New.self, as: "n"), 1, out) })
      },
      capture("\(name)_updates") {
        Insert(
          into: Changes.self,
          Select(Changes.self) { q, out in
            let o = q.from(Old.self, as: "o")
            q.where(notExists { sub in sub.where(unchanged(o, sub.from(New.self, as: "n"))) })
            copyOld(o, -1, out)
          }
          .unionAll(
            Select(Changes.self) { q, out in
              let n = q.from(New.self, as: "n")
              q.where(notExists { sub in sub.where(unchanged(sub.from(Old.self, as: "o"), n)) })
              copyNew(n, 1, out)
            }))
      },
      capture("\(name)_deletes") {
        Insert(
          into: Changes.self,
          Select(Changes.self) { q, out in copyOld(q.from(Old.self, as: "o"), -1, out) })
      },
    ]
  }

  /// A fact row into its log, with its sign and when it was written.
  static func copy<R: Relation, Changes: FactChanges>(
    _ row: Source<R>, _ sign: Int64, _ out: Projection<Changes>
  ) {
    out.sign(.constant(sign))
    out.loggedAt(now())
    out.columns(of: row)
  }

  /// A changed location is logged by its id, whatever the sign.
  static func copy<L: LocationRows>(
    _ l: Source<L>, _: Int64, _ out: Projection<MetricsAttributionChanges>
  ) {
    out.locationID(l.locationID.nullable)
    out.accountID(.null)
    out.loggedAt(now())
  }

  /// A changed account is logged by its id, whatever the sign.
  static func copy<A>(
    _ a: Source<NamedAccounts<A>>, _: Int64, _ out: Projection<MetricsAttributionChanges>
  ) {
    out.locationID(.null)
    out.accountID(a.accountID.nullable)
    out.loggedAt(now())
  }

  static let facts: [any SQLStatement] =
    captures(
      "call", into: MetricsCallChanges.self, new: NewCalls.self, old: OldCalls.self,
      copyNew: { copy($0, $1, $2) }, copyOld: { copy($0, $1, $2) },
      unchanged: { o, n in
        n.id == o.id && o.locationID.isNotDistinct(from: n.locationID)
          && o.status.isNotDistinct(from: n.status) && o.callType.isNotDistinct(from: n.callType)
          && o.startedAt.isNotDistinct(from: n.startedAt)
      })
    + captures(
      "order", into: MetricsOrderChanges.self, new: NewOrders.self, old: OldOrders.self,
      copyNew: { copy($0, $1, $2) }, copyOld: { copy($0, $1, $2) },
      unchanged: { o, n in
        n.id == o.id && o.accountID.isNotDistinct(from: n.accountID)
          && o.locationID.isNotDistinct(from: n.locationID)
          && o.totalAmount.isNotDistinct(from: n.totalAmount)
          && o.createdAt.isNotDistinct(from: n.createdAt)
      })
    + captures(
      "reservation", into: MetricsReservationChanges.self, new: NewReservations.self,
      old: OldReservations.self, copyNew: { copy($0, $1, $2) }, copyOld: { copy($0, $1, $2) },
      unchanged: { o, n in
        n.id == o.id && o.locationID.isNotDistinct(from: n.locationID)
          && o.guestCount.isNotDistinct(from: n.guestCount)
          && o.avgSpendPerHeadOverride.isNotDistinct(from: n.avgSpendPerHeadOverride)
          && o.createdAt.isNotDistinct(from: n.createdAt)
      })

  static let attribution: [any SQLStatement] =
    captures(
      "location", into: MetricsAttributionChanges.self, new: NewLocations.self,
      old: OldLocations.self, copyNew: { copy($0, $1, $2) }, copyOld: { copy($0, $1, $2) },
      unchanged: { o, n in
        n.locationID == o.locationID && o.accountID.isNotDistinct(from: n.accountID)
          && o.timeZone.isNotDistinct(from: n.timeZone)
      })
    + captures(
      "account", into: MetricsAttributionChanges.self, new: NewAccounts.self,
      old: OldAccounts.self, copyNew: { copy($0, $1, $2) }, copyOld: { copy($0, $1, $2) },
      unchanged: { o, n in
        n.accountID == o.accountID && o.defaultTimeZone.isNotDistinct(from: n.defaultTimeZone)
      })

  /// A TRUNCATE leaves no rows to log: it asks the next catch-up for a rebuild.
  static let truncations: [any SQLStatement] = [
    capture("truncations") {
      Insert(into: MetricsRebuildRequests.self) { row in row.requestedAt(now()) }
    }
  ]

  /// The triggers on `Table` for inserts, updates, deletes and TRUNCATE.
  static func triggers<Table: Relation, New: TransitionTable, Old: TransitionTable>(
    on _: Table.Type, _ name: String, old _: Old.Type, new _: New.Type
  ) -> [any SQLStatement] {
    let old = Old.qualifiedName.name
    let new = New.qualifiedName.name
    return [
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
    facts + attribution + truncations
    + triggers(on: Calls.self, "call", old: OldCalls.self, new: NewCalls.self)
    + triggers(on: Orders.self, "order", old: OldOrders.self, new: NewOrders.self)
    + triggers(
      on: Reservations.self, "reservation", old: OldReservations.self, new: NewReservations.self)
    + triggers(on: Locations.self, "location", old: OldLocations.self, new: NewLocations.self)
    + triggers(on: Accounts.self, "account", old: OldAccounts.self, new: NewAccounts.self)
}
