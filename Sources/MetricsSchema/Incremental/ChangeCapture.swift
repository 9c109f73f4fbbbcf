import SQLBuilder

/// The triggers that log writes for the incremental strategy: statement triggers with
/// transition tables, so a statement of any size costs one INSERT per trigger. Facts are
/// logged as rows shaped like their base tables (updates that change nothing the metrics read
/// log nothing); locations and accounts log only which of them changed; a TRUNCATE asks for a
/// rebuild. The functions run as their owner: writers need no privilege on the logs.
///
/// A capture never fails the writer's statement: when it cannot log (a log dropped or altered),
/// it asks the next catch-up for a rebuild, giving the error as the reason, and the write goes
/// on.
enum ChangeCapture<S: SourceSchema> {
  static func function(_ name: String) -> Function<NoParameters> {
    Function("private", "metrics_capture_\(name)")
  }

  /// The capture function `metrics_capture_<name>`, running `body` in an exception block that
  /// turns a failure into a rebuild request. `guarded: false` leaves the block out, and with it
  /// the subtransaction each call starts: only for MetricsBench, to measure what the block
  /// costs writers; what the scripts create is always guarded.
  static func capture(
    _ name: String, guarded: Bool, @PLBuilder _ body: () -> [any PLStatement]
  ) -> CreateFunction {
    let statements = body()
    let function = function(name)
    return CreateFunction(
      function, returns: .trigger, security: .definer, settings: [.emptySearchPath]
    ) { _ in
      if guarded {
        ExceptionBlock.catchingEveryError {
          statements
        } handler: {
          ExceptionBlock.catchingEveryError {
            Insert(into: MetricsRebuildRequests.self) { row in
              row.requestedAt(now())
              row.reason(.text("\(function.name) could not log a write: ") ++ sqlErrorMessage)
            }
          } handler: {
            Raise(
              .warning, "\(function.name) could not log a write, nor ask for a rebuild: %",
              sqlErrorMessage)
          }
        }
      } else {
        statements
      }
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
    unchanged: @escaping (Source<Old>, Source<New>) -> SQLExpression<PG.Boolean, NotNull>,
    guarded: Bool
  ) -> [any SQLStatement] {
    [
      capture("\(name)_inserts", guarded: guarded) {
        Insert(
          into: Changes.self,
          Select(Changes.self) { q, out in copyNew(q.from(New.self, as: "n"), 1, out) })
      },
      capture("\(name)_updates", guarded: guarded) {
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
      capture("\(name)_deletes", guarded: guarded) {
        Insert(
          into: Changes.self,
          Select(Changes.self) { q, out in copyOld(q.from(Old.self, as: "o"), -1, out) })
      },
    ]
  }

  /// A fact row into its log, with its sign and when it was written.
  static func copy<R: Relation, T: FactTable>(
    _ row: Source<R>, _ sign: Int64, _ out: Projection<FactChangeLog<T>>
  ) {
    out.sign(.constant(sign))
    out.loggedAt(now())
    out.columns(of: row)
  }

  /// The capture functions of `T`'s rows, `metrics_capture_call_…`: an update that changes
  /// none of the columns `T` declares logs nothing.
  static func facts<T: FactTable>(_: T.Type, guarded: Bool) -> [any SQLStatement] {
    captures(
      T.Fact.kind, into: FactChangeLog<T>.self, new: Named<NewRows, T>.self,
      old: Named<OldRows, T>.self, copyNew: { copy($0, $1, $2) }, copyOld: { copy($0, $1, $2) },
      unchanged: { o, n in sameRow(o.asShape, n.asShape, key: T.uniqueKeys.first ?? []) },
      guarded: guarded)
  }

  /// A changed location or account is logged by its id, whatever the sign.
  static func attribution<R: Relation>(
    _: R.Type, _ name: String, location: KeyPath<R, Column<PG.UUID, NotNull>>?,
    account: KeyPath<R, Column<PG.UUID, NotNull>>?, guarded: Bool
  ) -> [any SQLStatement] {
    func copy<Rows: ShapedRelation>(
      _ rows: Source<Rows>, _: Int64, _ out: Projection<MetricsAttributionChanges>
    ) where Rows.Shape == R {
      if let location {
        out.locationID(rows.asShape[dynamicMember: location])
      } else {
        out.locationID(.null)
      }
      if let account {
        out.accountID(rows.asShape[dynamicMember: account])
      } else {
        out.accountID(.null)
      }
      out.loggedAt(now())
    }
    return captures(
      name, into: MetricsAttributionChanges.self, new: Named<NewRows, R>.self,
      old: Named<OldRows, R>.self, copyNew: { copy($0, $1, $2) }, copyOld: { copy($0, $1, $2) },
      unchanged: { o, n in sameRow(o.asShape, n.asShape, key: R.uniqueKeys.first ?? []) },
      guarded: guarded)
  }

  /// A TRUNCATE leaves no rows to log: it asks the next catch-up for a rebuild.
  static func truncations(guarded: Bool) -> [any SQLStatement] {
    [
      capture("truncations", guarded: guarded) {
        Insert(into: MetricsRebuildRequests.self) { row in
          row.requestedAt(now())
          row.reason(.text("TRUNCATE of ") ++ triggerTable)
        }
      }
    ]
  }

  /// The triggers on `Table` for inserts, updates, deletes and TRUNCATE.
  static func triggers<Table: Relation>(on _: Table.Type, _ name: String) -> [any SQLStatement] {
    let old = Named<OldRows, Table>.qualifiedName.name
    let new = Named<NewRows, Table>.qualifiedName.name
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

  /// Every capture function; `guarded: false` only for MetricsBench (see ``capture``).
  static func functions(guarded: Bool) -> [any SQLStatement] {
    facts(S.Calls.self, guarded: guarded) + facts(S.Orders.self, guarded: guarded)
      + facts(S.Reservations.self, guarded: guarded)
      + attribution(
        Locations.self, "location", location: \.locationID, account: nil, guarded: guarded)
      + attribution(
        Accounts.self, "account", location: nil, account: \.accountID, guarded: guarded)
      + truncations(guarded: guarded)
  }

  /// Every capture function, then every trigger.
  static var statements: [any SQLStatement] {
    functions(guarded: true)
      + triggers(on: S.Calls.self, CallsV.kind) + triggers(on: S.Orders.self, OrdersV.kind)
      + triggers(on: S.Reservations.self, ReservationsV.kind)
      + triggers(on: Locations.self, "location") + triggers(on: Accounts.self, "account")
  }
}
