import SQLBuilder

extension CatchUp {
  /// Empties `T`'s log: `taken_calls AS (DELETE FROM private.metrics_call_changes x)`.
  static func take<T: FactTable>(_: T.Type) -> [CommonTableEntry] {
    commonTables {
      Delete(from: FactChangeLog<T>.self, as: "x") { _, _ in }.returning(as: TakenLog<T>.self)
    }
  }

  /// Empties the logs, in the statement that reads what they held (``MetricsLoggedTotals``)
  /// under the same snapshot.
  static var takeLogged: [CommonTableEntry] {
    take(S.Calls.self) + take(S.Orders.self) + take(S.Reservations.self)
  }

  /// `T`'s rows whose facts move: those of a relocated location, or of a rezoned account when
  /// they name their own.
  static func relocated<T: FactTable>(_: T.Type) -> Select<Named<Relocated, T>> {
    Select(Named<Relocated, T>.self) { q, out in
      let row = q.from(T.self, as: FactSources.alias(T.self))
      let location = T.location.read(row).isAny {
        $0.from(RelocatedLocations.self, as: "m").locationID
      }
      if let account = T.account {
        q.where(
          location || account.read(row).isAny { $0.from(RezonedAccounts.self, as: "z").accountID })
      } else {
        q.where(location)
      }
      out.columns(of: row)
    }
  }

  /// The changed locations and accounts, taken from their log, and what they move: the
  /// relocated locations and rezoned accounts, and their facts in the base tables.
  static var takeAttribution: [CommonTableEntry] {
    commonTables {
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
      relocated(S.Calls.self)
      relocated(S.Orders.self)
      relocated(S.Reservations.self)
    }
  }

  /// Records today's attribution of the relocated locations and rezoned accounts as applied.
  static var applyAttribution: [CommonTableEntry] {
    commonTables {
      Insert(
        into: MetricsAppliedLocations.self,
        IncrementalMachinery<S>.locationsNow { q, l in
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
        IncrementalMachinery<S>.accountsNow { q, a in
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
  }

  /// Takes every logged change and adds it, when no location or account changed.
  static var addAllLogged: Insert<MetricsDailyTotals> {
    with {
      takeLogged
    } insert: {
      add(changes { $0.from(MetricsLoggedTotals.self, as: "d").asShape })
    }
  }

  /// Adds what writers logged and moves the facts of changed locations and accounts.
  static var addLoggedAndMoved: Insert<MetricsDailyTotals> {
    with {
      takeLogged
      MetricsView.locationZones
      MetricsView.accountZones
      takeAttribution
      applyAttribution
    } insert: {
      add(delta([logged] + moved))
    }
  }
}
