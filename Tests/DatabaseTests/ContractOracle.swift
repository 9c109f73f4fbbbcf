import Foundation

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

  struct Row: Equatable {
    var totalCalls = 0
    var ordersCount = 0
    var reservationsCount = 0
    var completedCalls = 0
    var revenueOrders = 0.0
    var estimateCents = 0
    var revenueEstimate = 0.0
    var totalRevenue = 0.0
    var minutesSaved = 0.0
    var orderCents = 0
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
      rows[key, default: Row()].totalCalls += 1
      if call.type == "order" { rows[key]!.ordersCount += 1 }
      if call.type == "reservation" { rows[key]!.reservationsCount += 1 }
      if call.status == "completed" { rows[key]!.completedCalls += 1 }
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
      // Exact sums in cents, rounded once, as the view sums in numeric.
      finished.revenueOrders = Double(row.orderCents) / 100
      finished.revenueEstimate = Double(row.estimateCents) / 100
      finished.totalRevenue = Double(row.orderCents + row.estimateCents) / 100
      finished.minutesSaved = Double(row.completedCalls * baseline) / 60
      rows[key] = finished
    }
    return rows
  }
}
