import SQLBuilder

/// The query behind `mv_metrics_daily`, exactly as the metrics contract defines it.
public enum MetricsView {
  /// A fact's location's zone and its account's, each NULL when it names no zone, and, where
  /// the lookup has them, each zone's lowest and highest offsets (``ZoneOffsets``), NULL
  /// exactly when the zone is.
  struct Zones {
    typealias Offsets = (
      lowest: SQLExpression<PG.Interval, Nullable>, highest: SQLExpression<PG.Interval, Nullable>
    )
    let location: SQLExpression<PG.Text, Nullable>
    let account: SQLExpression<PG.Text, Nullable>
    var offsets: (location: Offsets, account: Offsets)? = nil
  }

  /// The local midnight starting the day of `instant` in the fact's effective time zone: its
  /// location's zone, else its account's, else UTC; binned at a fixed offset where the zones'
  /// offsets allow it. The totals group facts on it and date each key once.
  static func localDay(_ instant: SQLExpression<PG.TimestampTZ, some Nullability>, _ zones: Zones)
    -> SQLExpression<PG.Timestamp, Nullable>
  {
    let zone = coalesce(zones.location, zones.account, "UTC")
    guard let offsets = zones.offsets else { return localMidnight(instant.nullable, in: zone) }
    // The offsets are NULL exactly when their zone is: the first that is not is the zone's.
    let utc = interval(hours: 0)
    return ZoneOffsets.localDay(
      instant.nullable, named: zone,
      offsets: (
        coalesce(offsets.location.lowest, offsets.account.lowest, utc),
        coalesce(offsets.location.highest, offsets.account.highest, utc)
      ))
  }

  /// `date_trunc('day', instant AT TIME ZONE zone)`: the local midnight starting the day of
  /// `instant` in the zone named `zone`, looked up by name.
  static func localMidnight(
    _ instant: SQLExpression<PG.TimestampTZ, Nullable>, in zone: SQLExpression<PG.Text, NotNull>
  ) -> SQLExpression<PG.Timestamp, Nullable> {
    dateTruncLocal("day", instant.atTimeZone(zone))
  }

  /// Joins the zones of a fact's location and account (`lz` and `az`) from `lookup`.
  static func joinZones(
    _ q: SelectBuilder, _ lookup: ZoneLookup, location: SQLExpression<PG.UUID, Nullable>,
    account: SQLExpression<PG.UUID, Nullable>
  ) -> Zones {
    switch lookup {
    case .listed:
      let lz = q.leftJoin(LocationZones.self, as: "lz") { $0.locationID == location }
      let az = q.leftJoin(AccountZones.self, as: "az") { $0.accountID == account }
      return Zones(
        location: lz.timeZone, account: az.timeZone,
        offsets: (
          (lz.lowestOffset, lz.highestOffset), (az.lowestOffset, az.highestOffset)
        ))
    case .applied:
      let lz = q.leftJoin(MetricsAppliedLocations.self, as: "lz") { $0.locationID == location }
      let az = q.leftJoin(MetricsAppliedAccounts.self, as: "az") { $0.accountID == account }
      return Zones(location: lz.timeZone, account: az.timeZone)
    }
  }

  // The zone lookups are tiny and read by all three sources. Inlined, each source's scan and
  // joins can run in parallel workers; a materialized CTE would keep them in one process.
  static let locationZones = Select(LocationZones.self) { q, out in
    let l = q.from(Locations.self, as: "l")
    let z = q.join(MetricsTimeZoneNames.self, as: "z") { $0.lookupKey == lower(l.timeZone) }
    let offsets = zoneOffsets(q, z)
    out.locationID(l.locationID)
    out.timeZone(z.name)
    out.lowestOffset(offsets.lowest)
    out.highestOffset(offsets.highest)
  }
  .notMaterialized()

  static let accountZones = Select(AccountZones.self) { q, out in
    let a = q.from(Accounts.self, as: "a")
    let z = q.join(MetricsTimeZoneNames.self, as: "z") {
      $0.lookupKey == lower(a.defaultTimeZone)
    }
    let offsets = zoneOffsets(q, z)
    out.accountID(a.accountID)
    out.timeZone(z.name)
    out.lowestOffset(offsets.lowest)
    out.highestOffset(offsets.highest)
  }
  .notMaterialized()

  /// The offsets of the listed zone `z`, or, for a zone without a row, bounds that date every
  /// fact by the zone's name.
  static func zoneOffsets(_ q: SelectBuilder, _ z: Source<MetricsTimeZoneNames>) -> (
    lowest: SQLExpression<PG.Interval, NotNull>, highest: SQLExpression<PG.Interval, NotNull>
  ) {
    let o = q.leftJoin(MetricsTimeZoneOffsets.self, as: "o") { $0.name == z.name }
    return (
      coalesce(o.lowestOffset, ZoneOffsets.unknown.lowest),
      coalesce(o.highestOffset, ZoneOffsets.unknown.highest)
    )
  }

  /// The first instant a fact may have, in UTC; earlier ones (and `-infinity`) are left out.
  public static let earliestInstant = "1900-01-01 00:00:00+00"
  /// The first instant too late for a fact, in UTC; it and later ones (and `infinity`) are left
  /// out, so converting to any zone stays inside PostgreSQL's range.
  public static let endOfInstants = "9999-01-01 00:00:00+00"

  /// Whether `instant` lies in the window of plausible business dates; NULL when it is NULL.
  static func plausible(
    _ instant: SQLExpression<PG.TimestampTZ, some Nullability>
  ) -> SQLExpression<PG.Boolean, Nullable> {
    within(instant, from: earliestInstant, until: endOfInstants)
  }

  /// `instant >= 'start'::timestamptz AND instant < 'end'::timestamptz`; NULL when it is NULL.
  static func within(
    _ instant: SQLExpression<PG.TimestampTZ, some Nullability>, from start: String,
    until end: String
  ) -> SQLExpression<PG.Boolean, Nullable> {
    instant.nullable >= timestamptz(start) && instant.nullable < timestamptz(end)
  }

  /// `'text'::timestamp with time zone`.
  static func timestamptz(_ text: String) -> SQLExpression<PG.TimestampTZ, NotNull> {
    SQLExpression.text(text).cast(to: PG.TimestampTZ.self)
  }

  /// One fact per call of `c` with an account and a start time in the window.
  static func callFacts(
    _ q: SelectBuilder, _ c: Source<CallsV>, _ lookup: ZoneLookup, _ out: Projection<DailyFacts>
  ) {
    let zones = joinZones(q, lookup, location: c.locationID, account: c.accountID)
    q.where(c.accountID.isNotNull && c.startedAt.isNotNull)
    q.where(plausible(c.startedAt))
    out.accountID(c.accountID.assumingNotNull)
    out.locationID(c.locationID)
    out.day(localDay(c.startedAt, zones).assumingNotNull)
    out.isCall(true)
    out.callType(c.callType)
    out.status(c.status)
    out.orderCents(.null)
    out.overrideCents(.null)
    out.estimateGuests(.null)
    out.hashKey(hashOnlyKey)
  }

  /// The largest order amount, in absolute value, that counts as a sale: NaN, infinite and
  /// larger amounts count as 0. Amounts count to the millionth, and in millionths every
  /// plausible amount fits a bigint.
  public static let largestAmount: Int64 = 1_000_000_000_000

  /// `round(double precision)`: the nearest whole number.
  static let round = SQLFunction<PG.DoublePrecision, PG.DoublePrecision>("round")

  /// `amount` in whole cents.
  static func cents(
    _ amount: SQLExpression<PG.DoublePrecision, some Nullability>
  ) -> SQLExpression<PG.DoublePrecision, Nullable> {
    round(amount.nullable * SQLExpression<PG.DoublePrecision, NotNull>.constant(100))
  }

  /// One fact per order of `o` with an account, created in the window.
  static func orderFacts(
    _ q: SelectBuilder, _ o: Source<OrdersV>, _ lookup: ZoneLookup, _ out: Projection<DailyFacts>
  ) {
    // NOT NULL in the contract, but a view may give NULL (an account read through a join):
    // such an order is left out, like any fact without an account.
    q.where(o.accountID.nullable.isNotNull && plausible(o.createdAt))
    // NaN compares above every number and ±Infinity lies outside the range, so both fail.
    let plausible =
      o.totalAmount >= .constant(-largestAmount) && o.totalAmount <= .constant(largestAmount)
    let zones = joinZones(q, lookup, location: o.locationID, account: o.accountID.nullable)
    out.accountID(o.accountID)
    out.locationID(o.locationID)
    out.day(localDay(o.createdAt, zones).assumingNotNull)
    out.isCall(false)
    out.callType(.null)
    out.status(.null)
    out.orderCents(Case { When(plausible, then: cents(o.totalAmount)) })
    out.overrideCents(.null)
    out.estimateGuests(.null)
    out.hashKey(hashOnlyKey)
  }

  /// One fact per reservation of `r` with an account, created in the window, with what its revenue
  /// estimate needs: in cents at its own spend per head, or its guests, whom the settings of
  /// its key price at the end. A negative guest count estimates nothing.
  static func reservationFacts(
    _ q: SelectBuilder, _ r: Source<ReservationsV>, _ lookup: ZoneLookup,
    _ out: Projection<DailyFacts>
  ) {
    let zones = joinZones(q, lookup, location: r.locationID.nullable, account: r.accountID)
    q.where(r.accountID.isNotNull && plausible(r.createdAt))
    let guests = r.guestCount >= 0
    out.accountID(r.accountID.assumingNotNull)
    out.locationID(r.locationID)
    out.day(localDay(r.createdAt, zones).assumingNotNull)
    out.isCall(false)
    out.callType(.null)
    out.status(.null)
    out.orderCents(.null)
    out.overrideCents(
      Case {
        When(
          guests,
          then: cents(
            (r.guestCount * r.avgSpendPerHeadOverride).cast(to: PG.DoublePrecision.self)))
      })
    out.estimateGuests(
      Case { When(guests && r.avgSpendPerHeadOverride.isNull, then: r.guestCount) })
    out.hashKey(hashOnlyKey)
  }

  /// Every counted fact of `inputs`, dated.
  static func dailyFacts(_ inputs: FactInputs) -> Select<DailyFacts> {
    func facts<V: Relation>(
      _ read: @escaping (SelectBuilder) -> Source<V>,
      _ define: @escaping (SelectBuilder, Source<V>, ZoneLookup, Projection<DailyFacts>) -> Void
    ) -> Select<DailyFacts> {
      Select(DailyFacts.self) { q, out in define(q, read(q), inputs.zones, out) }
    }
    var parts: [Select<DailyFacts>] = []
    if let calls = inputs.calls { parts.append(facts(calls, callFacts)) }
    if let orders = inputs.orders { parts.append(facts(orders, orderFacts)) }
    if let reservations = inputs.reservations {
      parts.append(facts(reservations, reservationFacts))
    }
    return stacked(parts)
  }

  /// `parts` stacked with UNION ALL.
  static func stacked<R: Relation>(_ parts: [Select<R>]) -> Select<R> {
    parts.dropFirst().reduce(parts[0]) { $0.unionAll($1) }
  }

  /// `daily_facts` of the source views, dated in the zones as listed now.
  static let dailyFacts = dailyFacts(.sourceViews)

  /// The totals per key of the facts `facts` adds to the query.
  ///
  /// Always in a hash table: PostgreSQL has no statistics for a date computed per fact, guesses
  /// a tenth of the facts as keys, and once that guess outgrows the hash memory it would sort
  /// every fact instead (BENCHMARKS.md, "Hashing the totals whatever the estimate"). The real
  /// keys are far fewer, and a hash table that does outgrow it spills to disk.
  /// `hashed: false` leaves hashing or sorting to the planner, as before, for the benchmark.
  static func dailyTotals(hashed: Bool = true, _ facts: (SelectBuilder) -> Source<DailyFacts>)
    -> Select<DailyTotals>
  {
    Select(DailyTotals.self) { q, out in totals(q, facts(q), hashed: hashed, out) }
  }

  /// The totals per key of the facts `f` into `out`, each fact counted once, or, with `sign`,
  /// added when it is 1 and taken away when it is -1:
  /// `COUNT(*) FILTER (WHERE f.is_call)`, or `COALESCE(SUM(sign) FILTER (WHERE f.is_call), 0)`.
  static func totals(
    _ q: SelectBuilder, _ f: Source<DailyFacts>, sign: SQLExpression<PG.SmallInt, NotNull>? = nil,
    hashed: Bool = true, _ out: Projection<DailyTotals>
  ) {
    if hashed {
      q.groupByHashing(on: f.hashKey, f.accountID, f.locationID, f.day)
    } else {
      q.groupBy(f.accountID, f.locationID, f.day)
    }
    let zero = SQLExpression<PG.BigInt, NotNull>.constant(0)
    func tally(_ condition: SQLExpression<PG.Boolean, some Nullability>)
      -> SQLExpression<PG.BigInt, NotNull>
    {
      guard let sign else { return count(filter: condition) }
      return coalesce(sum(sign, filter: condition), zero)
    }
    func cents(_ x: SQLExpression<PG.DoublePrecision, Nullable>)
      -> SQLExpression<PG.DoublePrecision, NotNull>
    {
      coalesce(sum(sign.map { x * $0.cast(to: PG.DoublePrecision.self) } ?? x), .constant(0))
    }
    let guests: SQLExpression<PG.Integer, Nullable> =
      sign.map { f.estimateGuests * $0.cast(to: PG.Integer.self) } ?? f.estimateGuests.nullable
    out.accountID(f.accountID)
    out.locationID(f.locationID)
    out.date(f.day.cast(to: PG.Date.self))
    out.facts(sign.map { coalesce(sum($0), zero) } ?? count())
    out.totalCalls(tally(f.isCall))
    out.ordersCount(tally(f.callType == "order"))
    out.reservationsCount(tally(f.callType == "reservation"))
    out.completedCalls(tally(f.status == "completed"))
    out.orderCents(cents(f.orderCents.nullable))
    out.overrideCents(cents(f.overrideCents.nullable))
    out.estimateGuests(coalesce(sum(guests), zero))
  }

  /// A key's revenue columns from its totals and settings. Whole cents add up exactly; each
  /// column is rounded once, by the division. Guests without an override are priced here, once
  /// per key: the spend has two decimals, so their cents are exactly the sum of each
  /// reservation's.
  static func revenue(
    orderCents: SQLExpression<PG.DoublePrecision, NotNull>,
    overrideCents: SQLExpression<PG.DoublePrecision, NotNull>,
    estimateGuests: SQLExpression<PG.BigInt, NotNull>,
    _ ls: OptionalSource<LocationSettings>, _ acs: OptionalSource<AccountSettings>
  ) -> (
    orders: SQLExpression<PG.DoublePrecision, NotNull>,
    estimate: SQLExpression<PG.DoublePrecision, NotNull>,
    total: SQLExpression<PG.DoublePrecision, NotNull>
  ) {
    let hundred = SQLExpression<PG.DoublePrecision, NotNull>.constant(100)
    let spendPerHead = coalesce(ls.avgSpendPerHead, acs.avgSpendPerHead)
    let guestCents = cents((estimateGuests * spendPerHead).cast(to: PG.DoublePrecision.self))
    let estimateCents = coalesce(
      Case {
        When(
          acs.revenueMode == "orders_plus_res_estimate",
          then: overrideCents + coalesce(guestCents, .constant(0)))
      }, .constant(0))
    return (orderCents / hundred, estimateCents / hundred, (orderCents + estimateCents) / hundred)
  }

  /// `mv_metrics_daily`'s query.
  ///
  /// Rows come out in key order. `REFRESH … CONCURRENTLY` looks for duplicate rows by sorting
  /// the new rows as whole records, which is cheap when they are already sorted, and a lookup
  /// for one account or location reads neighbouring pages.
  public static let query = query(hashedTotals: true)

  /// `mv_metrics_daily`'s query; `hashedTotals: false` lets the planner sort the facts when it
  /// guesses that their keys outgrow the hash memory, as the view did until 2026-12-02, so the
  /// benchmark can measure both in one run.
  public static func query(hashedTotals: Bool) -> Select<MetricsDaily> {
    with {
      locationZones
      accountZones
      dailyFacts
      dailyTotals(hashed: hashedTotals) { $0.from(DailyFacts.self, as: "f") }
    } select: {
      metricsRows(ordered: true) { $0.from(DailyTotals.self, as: "t") }
    }
  }

  /// The view's rows from totals per key: the settings of each key apply here.
  static func metricsRows(ordered: Bool, _ totals: (SelectBuilder) -> Source<DailyTotals>)
    -> Select<MetricsDaily>
  {
    Select(MetricsDaily.self) { q, out in
      let t = totals(q)
      let ls = q.leftJoin(LocationSettings.self, as: "ls") { $0.locationID == t.locationID }
      let acs = q.leftJoin(AccountSettings.self, as: "acs") { $0.accountID == t.accountID }
      if ordered { q.orderBy(t.accountID, t.locationID, t.date) }
      let baselineSeconds = coalesce(
        ls.minutesSavedBaselineSeconds, acs.minutesSavedBaselineSeconds, 120)
      let minutesSaved = t.completedCalls * baselineSeconds / 60.0
      let revenue = revenue(
        orderCents: t.orderCents, overrideCents: t.overrideCents,
        estimateGuests: t.estimateGuests, ls, acs)
      out.totalRevenueOrders(revenue.orders)
      out.totalRevenueResEstimate(revenue.estimate)
      out.totalRevenue(revenue.total)
      out.minutesSaved(minutesSaved.cast(to: PG.DoublePrecision.self))
      // The key and the counts, as the totals hold them.
      out.columns(of: t)
    }
  }
}

/// Where the daily facts come from: the three fact relations as a query reads them, and where
/// their zones are looked up.
struct FactInputs: Sendable {
  /// Each fact relation, or nil to read none of that kind.
  var calls: (@Sendable (SelectBuilder) -> Source<CallsV>)? = nil
  var orders: (@Sendable (SelectBuilder) -> Source<OrdersV>)? = nil
  var reservations: (@Sendable (SelectBuilder) -> Source<ReservationsV>)? = nil
  let zones: ZoneLookup

  /// The source views, with the zones as listed now.
  static let sourceViews = FactInputs(
    calls: { $0.from(CallsV.self, as: "c") }, orders: { $0.from(OrdersV.self, as: "o") },
    reservations: { $0.from(ReservationsV.self, as: "r") }, zones: .listed)
}

/// How a fact's zones are found.
enum ZoneLookup: Sendable {
  /// In the CTEs `location_zones` and `account_zones`: the locations' and accounts' zones now,
  /// as `metrics_time_zone_names` lists them.
  case listed
  /// In `metrics_applied_locations` and `metrics_applied_accounts`: the zones the incremental
  /// totals were dated in.
  case applied
}
