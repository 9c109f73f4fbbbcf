import Foundation
import MetricsSchema

/// The metrics contract computed in plain Swift from ``MessyData``, independently of the SQL.
enum ContractOracle {
  struct Key: Hashable, Comparable {
    var account: String
    var location: String?
    var date: String
    static func < (a: Key, b: Key) -> Bool {
      (a.account, a.location ?? "-", a.date) < (b.account, b.location ?? "-", b.date)
    }
  }

  /// A row of `mv_metrics_daily` but its key: each column's value by its name, as the oracle
  /// computes it (a column it does not compute is missing, and the comparison says so).
  struct Row: Equatable, CustomStringConvertible {
    var values: [String: Double] = [:]
    var orderCents = 0
    var estimateCents = 0

    /// Counts one more in the count metric `column`.
    mutating func count(_ column: String) { values[column, default: 0] += 1 }

    subscript(_ column: String) -> Double { values[column, default: 0] }

    var description: String {
      values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
  }

  static func rows(_ data: MessyData) -> [Key: Row] {
    // PostgreSQL finds a zone without regard to case.
    let valid = Dictionary(uniqueKeysWithValues: MessyData.validZones.map { ($0.lowercased(), $0) })
    let accountZone = Dictionary(uniqueKeysWithValues: data.accounts.map { ($0.id, $0.zone) })
    let locationZone = Dictionary(uniqueKeysWithValues: data.locations.map { ($0.id, $0.zone) })
    // The source views: a call or reservation has its location's account (none without an
    // existing location); an order keeps its own and loses a location that no longer exists.
    let locationAccount = Dictionary(
      uniqueKeysWithValues: data.locations.map { ($0.id, $0.account) })
    func zone(location: String?, account: String) -> String {
      if let name = location.flatMap({ locationZone[$0] ?? nil }),
        let zone = valid[name.lowercased()]
      {
        return zone
      }
      if let name = accountZone[account] ?? nil, let zone = valid[name.lowercased()] { return zone }
      return "UTC"
    }
    func localDate(_ seconds: Int, _ zoneName: String) -> String {
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = TimeZone(identifier: zoneName)!
      let c = calendar.dateComponents(
        [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
      return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    var rows: [Key: Row] = [:]
    for call in data.calls {
      guard let account = call.location.flatMap({ locationAccount[$0] }),
        let started = call.startedAt, call.badStartedAt == nil
      else { continue }
      let key = Key(
        account: account, location: call.location,
        date: localDate(started, zone(location: call.location, account: account)))
      var row = rows[key, default: Row()]
      row.count("total_calls")
      if call.type == "order" { row.count("orders_count") }
      if call.type == "reservation" { row.count("reservations_count") }
      if call.status == "completed" { row.count("completed_calls") }
      rows[key] = row
    }
    for order in data.orders {
      let location = order.location.flatMap { locationAccount[$0] == nil ? nil : $0 }
      let key = Key(
        account: order.account, location: location,
        date: localDate(order.createdAt, zone(location: location, account: order.account)))
      // An amount no sale has counts 0, but the order still dates a row.
      rows[key, default: Row()].orderCents += order.badAmount == nil ? order.amountCents : 0
    }
    for reservation in data.reservations {
      guard let account = locationAccount[reservation.location] else { continue }
      let key = Key(
        account: account, location: reservation.location,
        date: localDate(
          reservation.createdAt, zone(location: reservation.location, account: account)))
      var row = rows[key, default: Row()]
      let settings = data.accountSettings[account]
      if settings?.mode == "orders_plus_res_estimate", let guests = reservation.guests, guests >= 0,
        let spend = reservation.overrideCents ?? data.locationSettings[reservation.location]?
          .spendCents ?? settings?.spendCents
      {
        row.estimateCents += guests * spend
      }
      rows[key] = row
    }
    for (key, row) in rows {
      let baseline =
        key.location.flatMap { data.locationSettings[$0]?.baseline }
        ?? data.accountSettings[key.account]?.baseline ?? 120
      var finished = row
      // A count the facts of a key never add to is 0: the list of counts is the declaration's,
      // their values are the oracle's own, above.
      for column in MetricsDailyCounts.columns.map(\.name) { finished.values[column] = row[column] }
      // Exact sums in cents, rounded once, as the view sums in numeric.
      finished.values["total_revenue_orders"] = Double(row.orderCents) / 100
      finished.values["total_revenue_res_estimate"] = Double(row.estimateCents) / 100
      finished.values["total_revenue"] = Double(row.orderCents + row.estimateCents) / 100
      finished.values["minutes_saved"] = row["completed_calls"] * Double(baseline) / 60
      rows[key] = finished
    }
    return rows
  }
}
