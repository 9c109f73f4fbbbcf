import Foundation

/// A small deterministic random generator (SplitMix64), so every seed replays the same data.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Base-table rows with every mess the contract allows: facts without a location or at a
/// deleted one, orders at another account's location, garbage and empty zone names, missing
/// settings rows, NULL and negative guest counts, NULL spends, NaN, infinite and huge order
/// amounts, DST-edge and out-of-range instants.
struct MessyData {
  static let validZones = [
    "UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Lord_Howe",
    "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham",
  ]
  static let invalidZones = ["", "garbage", "Mars/Olympus_Mons", "UTC+99"]
  /// Valid zones spelled in another case: PostgreSQL, and the contract, find them anyway.
  static let respelledZones = ["america/new_york", "EUROPE/BERLIN", "asia/kathmandu"]
  /// Instants outside 1900-01-01 .. 9999-01-01 UTC: the contract leaves such facts out.
  static let badInstants = [
    "'infinity'", "'-infinity'", "'294276-12-31 20:00Z'", "'0001-01-01 00:00Z'",
    "'1899-12-31 23:59:59Z'", "'9999-01-01 00:00Z'",
  ]
  /// Order amounts no sale has: the contract counts them as 0.
  static let badAmounts = ["'NaN'", "'Infinity'", "'-Infinity'", "1e308", "-1e308", "2e12"]
  /// Days around DST changes in 2024 (US, EU, Lord Howe) and one ordinary day.
  static let edgeDays = [
    "2024-03-10", "2024-03-31", "2024-04-07", "2024-06-15", "2024-10-06", "2024-10-27",
    "2024-11-03",
  ]

  struct Account {
    var id: String
    var zone: String?
  }
  struct Location {
    var id: String
    var account: String
    var zone: String?
  }
  struct AccountSettings {
    var baseline: Int
    var mode: String
    var spendCents: Int?
  }
  struct LocationSettings {
    var baseline: Int?
    var spendCents: Int?
  }
  struct Call {
    var id: String
    var location: String?
    var status: String
    var type: String
    var startedAt: Int?
    /// An instant outside the contract's window, as SQL, written instead of `startedAt`.
    var badStartedAt: String? = nil
  }
  struct Order {
    var id: String
    var account: String
    var location: String?
    var amountCents: Int
    var createdAt: Int
    /// An amount no sale has, as SQL (`'NaN'`, `1e308`, …), written instead of `amountCents`.
    var badAmount: String? = nil
  }
  struct Reservation {
    var id: String
    var location: String
    var guests: Int?
    var overrideCents: Int?
    var createdAt: Int
  }

  var accounts: [Account] = []
  var locations: [Location] = []
  /// Locations facts still reference that no longer exist.
  var deletedLocations: [String] = []
  var accountSettings: [String: AccountSettings] = [:]
  var locationSettings: [String: LocationSettings] = [:]
  var calls: [Call] = []
  var orders: [Order] = []
  var reservations: [Reservation] = []
  var random: SeededGenerator
  private var serial = 0

  init(seed: UInt64) {
    random = SeededGenerator(seed: seed)
    for _ in 0..<6 { accounts.append(Account(id: uuid(), zone: zone())) }
    for _ in 0..<14 {
      locations.append(
        Location(id: uuid(), account: accounts.randomElement(using: &random)!.id, zone: zone()))
    }
    for _ in 0..<2 { deletedLocations.append(uuid()) }
    for account in accounts where chance(0.6) { accountSettings[account.id] = newAccountSettings() }
    for location in locations where chance(0.5) {
      locationSettings[location.id] = newLocationSettings()
    }
    addFacts(calls: 500, orders: 150, reservations: 150)
  }

  mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
  mutating func pick<T>(_ values: [T]) -> T { values.randomElement(using: &random)! }

  mutating func uuid() -> String {
    serial += 1
    return String(
      format: "%08x-0000-4000-8000-%012x", Int.random(in: 0..<0x7fff_ffff, using: &random), serial)
  }

  mutating func zone() -> String? {
    chance(0.15)
      ? nil : chance(0.3) ? pick(Self.invalidZones + Self.respelledZones) : pick(Self.validZones)
  }

  mutating func newAccountSettings() -> AccountSettings {
    AccountSettings(
      baseline: pick([30, 60, 90, 120, 150]),
      mode: pick(["orders_only", "orders_plus_res_estimate"]),
      spendCents: chance(0.3) ? nil : Int.random(in: 500...6000, using: &random))
  }

  mutating func newLocationSettings() -> LocationSettings {
    LocationSettings(
      baseline: chance(0.4) ? nil : pick([15, 45, 75, 200]),
      spendCents: chance(0.4) ? nil : Int.random(in: 500...6000, using: &random))
  }

  /// Seconds since 1970 within a day of a DST change (or anywhere in 2024, now and then).
  mutating func timestamp() -> Int {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    let day = formatter.date(from: pick(Self.edgeDays))!.timeIntervalSince1970
    if chance(0.15) { return 1_704_067_200 + Int.random(in: 0..<(366 * 86_400), using: &random) }
    return Int(day) + Int.random(in: -86_400..<(2 * 86_400), using: &random)
  }

  /// A location of `account` mostly; any location, or a deleted one, sometimes (data is not
  /// always consistent).
  mutating func location(of account: String) -> String {
    if chance(0.04) { return pick(deletedLocations) }
    let own = locations.filter { $0.account == account }
    return own.isEmpty || chance(0.1) ? pick(locations).id : pick(own).id
  }

  mutating func addFacts(
    calls callCount: Int, orders orderCount: Int, reservations reservationCount: Int
  ) {
    for _ in 0..<callCount {
      serial += 1
      let account = pick(accounts).id
      let location = chance(0.12) ? nil : self.location(of: account)
      calls.append(
        Call(
          id: "call-\(serial)", location: location,
          status: pick(["completed", "completed", "in_progress", "failed", "missed"]),
          type: pick(["order", "order", "reservation", "catering", "general"]),
          startedAt: chance(0.03) ? nil : timestamp(),
          badStartedAt: chance(0.02) ? pick(Self.badInstants) : nil))
    }
    for _ in 0..<orderCount {
      let account = pick(accounts).id
      orders.append(
        Order(
          id: uuid(), account: account, location: chance(0.1) ? nil : location(of: account),
          amountCents: Int.random(in: 0...25_000, using: &random), createdAt: timestamp(),
          badAmount: chance(0.04) ? pick(Self.badAmounts) : nil))
    }
    for _ in 0..<reservationCount {
      let account = pick(accounts).id
      reservations.append(
        Reservation(
          id: uuid(), location: location(of: account),
          guests: chance(0.1)
            ? nil
            : chance(0.03)
              ? -Int.random(in: 1...5, using: &random) : Int.random(in: 1...12, using: &random),
          overrideCents: chance(0.7) ? nil : Int.random(in: 500...8000, using: &random),
          createdAt: timestamp()))
    }
  }
}
