import SQLBuilder

/// Dating facts at fixed UTC offsets. `AT TIME ZONE 'America/New_York'` looks the zone up by
/// name for every fact, about a quarter of the refresh at 10M calls (BENCHMARKS.md, "Dating at
/// fixed offsets"); `AT TIME ZONE '-05:00:00'::interval` is arithmetic.
///
/// A fact inside the window is dated at its zone's lowest and its highest offset
/// (`metrics_time_zone_offsets`). The zone's offset at that instant lies between the two, and
/// a later wall-clock time never has an earlier date, so when both give the same date that is
/// the fact's date. Otherwise (near a local midnight when the zone changes its offset in the
/// window, or outside the window) the zone is looked up by name, as before. The day is kept
/// as its local midnight, binned with `date_bin` (integer arithmetic, where a cast to `date`
/// splits the time into fields); the totals take its date once per key.
///
/// The offsets are read at every UTC midnight of the window: exact unless a zone holds an
/// offset for less than a day between two of them. Read every 15 minutes instead, the bounds
/// of all 1,198 zones PostgreSQL 15 lists with tz database 2025b are the same (BENCHMARKS.md);
/// `ZoneOffsetTests` checks unusual zones hour by hour, and dates every quarter hour around
/// changes of offset, inside and outside the window, against the zone's name.
public enum ZoneOffsets {
  /// The window's first instant: earlier facts are dated by their zone's name.
  public static let windowStart = "2000-01-01 00:00:00+00"
  /// The first instant after the window: it and later facts are dated by their zone's name.
  public static let windowEnd = "2050-01-01 00:00:00+00"

  /// Offsets 48 hours apart date every instant on two different days, so a fact whose zone
  /// has no row (named since the offsets were read) is always dated by name.
  static let unknown = (lowest: interval(hours: -24), highest: interval(hours: 24))

  /// The zone's lowest and highest offsets at the window's UTC midnights, for every listed
  /// zone a location or an account names (in any case).
  static let query = Select(MetricsTimeZoneOffsets.self) { q, out in
    let z = q.from(MetricsTimeZoneNames.self, as: "z")
    // 24 hours, not a day: '1 day' steps follow the session's zone across its DST changes.
    let midnight = q.series(
      from: MetricsView.timestamptz(windowStart), to: MetricsView.timestamptz(windowEnd),
      step: interval(hours: 24), as: "m")
    q.where(inUse(z))
    q.groupBy(z.name)
    let offset = midnight.value.atTimeZone(z.name) - midnight.value.atTimeZone("UTC")
    out.name(z.name)
    out.lowestOffset(min(offset).assumingNotNull)
    out.highestOffset(max(offset).assumingNotNull)
  }

  /// Whether a location or an account names the listed zone `z` (in any case).
  static func inUse(_ z: Source<MetricsTimeZoneNames>) -> SQLExpression<PG.Boolean, NotNull> {
    exists { sub in
      let l = sub.from(Locations.self, as: "l")
      sub.where(lower(l.timeZone) == z.lookupKey)
    }
      || exists { sub in
        let a = sub.from(Accounts.self, as: "a")
        sub.where(lower(a.defaultTimeZone) == z.lookupKey)
      }
  }

  /// Created after `metrics_time_zone_names`, which it reads, with the unique key a concurrent
  /// refresh needs.
  static let create: [any SQLStatement] = [
    Comment(
      "Each zone in use's lowest and highest UTC offsets: most facts are dated without looking their zone up."
    ),
    CreateMaterializedView(MetricsTimeZoneOffsets.self) { query },
    uniqueIndex("metrics_time_zone_offsets_name_key", on: MetricsTimeZoneOffsets.self, \.name),
    Analyze(MetricsTimeZoneOffsets.self),
  ]

  /// Reads the offsets again, for the zones in use now and the time zone data PostgreSQL has
  /// now, without blocking anyone reading them.
  static let refresh = refreshWithoutBlockingReaders(MetricsTimeZoneOffsets.self)

  /// How long `refresh_metrics_daily()` keeps offsets it read, on a server that has not
  /// restarted and with the same zones in use: reading them costs about 9 ms a zone.
  static let keptFor = interval(days: 1)

  /// `private.metrics_zone_offsets_read`: one row, written each time the refresh reads them.
  static let readTable = CreateTable(
    MetricsZoneOffsetsRead.self, ifNotExists: true,
    derived: .rebuiltBy("the next refresh_metrics_daily()"))

  /// Reads the offsets again and records when, and since which start of the server.
  static let readAgain: [any PLStatement] = [
    refresh,
    Delete(from: MetricsZoneOffsetsRead.self) { _, _ in },
    Insert(into: MetricsZoneOffsetsRead.self) { row in
      row.readAt(now())
      row.serverStartedAt(postmasterStartTime())
    },
  ]

  /// Reads the offsets again when they may be stale: never recorded, read before the server
  /// last started (an upgrade brings new zone data), over ``keptFor`` ago (the system's zone
  /// data may change without a restart), or the zones in use are not those with offsets.
  static let readAgainWhenStale = If(isStale) { readAgain }

  static var isStale: SQLExpression<PG.Boolean, NotNull> {
    let current = exists { q in
      let r = q.from(MetricsZoneOffsetsRead.self, as: "r")
      q.where(r.serverStartedAt == postmasterStartTime() && r.readAt > now() - keptFor)
    }
    let zoneWithout = exists { q in
      let z = q.from(MetricsTimeZoneNames.self, as: "z")
      q.where(
        inUse(z)
          && !exists { sub in
            let o = sub.from(MetricsTimeZoneOffsets.self, as: "o")
            sub.where(o.name == z.name)
          })
    }
    let offsetsWithout = exists { q in
      let o = q.from(MetricsTimeZoneOffsets.self, as: "o")
      q.where(
        !exists { sub in
          let z = sub.from(MetricsTimeZoneNames.self, as: "z")
          sub.where(z.name == o.name && inUse(z))
        })
    }
    return !current || zoneWithout || offsetsWithout
  }

  /// Where fixed-offset days are counted from: `date_bin` counts whole days from it, and every
  /// wall-clock time it bins (an instant of the window at an offset of at least -24 hours) is
  /// later, where its arithmetic is the same on every PostgreSQL since 14.
  public static let dayOrigin = "1999-12-30 00:00:00"

  /// The local midnight starting the day of `instant` in the zone `named`, whose offsets are
  /// `offsets`: binned at a fixed offset when the window and the offsets allow, else by name.
  static func localDay(
    _ instant: SQLExpression<PG.TimestampTZ, Nullable>, named zone: SQLExpression<PG.Text, NotNull>,
    offsets: (
      lowest: SQLExpression<PG.Interval, NotNull>, highest: SQLExpression<PG.Interval, NotNull>
    )
  ) -> SQLExpression<PG.Timestamp, Nullable> {
    let origin = SQLExpression.text(dayOrigin).cast(to: PG.Timestamp.self)
    func day(at offset: SQLExpression<PG.Interval, NotNull>) -> SQLExpression<
      PG.Timestamp, Nullable
    > {
      dateBin(interval(days: 1), instant.atTimeZone(offset), origin)
    }
    let early = day(at: offsets.lowest)
    let inWindow = MetricsView.within(instant, from: windowStart, until: windowEnd)
    return Case(else: MetricsView.localMidnight(instant, in: zone)) {
      When(inWindow && early == day(at: offsets.highest), then: early)
    }
  }
}

/// `View` refreshed concurrently once populated, so readers never wait, and plainly before,
/// when a concurrent refresh is not possible.
func refreshWithoutBlockingReaders<View: Relation>(_ view: View.Type) -> If {
  If(isPopulated(view)) {
    RefreshMaterializedView(view, concurrently: true)
  } otherwise: {
    RefreshMaterializedView(view, concurrently: false)
  }
}

/// Whether the materialized view `View` holds rows: one created or refreshed `WITH NO DATA`
/// cannot be refreshed concurrently.
func isPopulated<View: Relation>(_: View.Type) -> SQLExpression<PG.Boolean, NotNull> {
  exists { q in
    let c = q.from(PGClass.self, as: "c")
    q.where(c.oid == regclass(View.self).oid && c.relispopulated)
  }
}

/// `private.metrics_zone_offsets_read`: when `refresh_metrics_daily()` last read the zones'
/// offsets.
struct MetricsZoneOffsetsRead: Relation {
  static let qualifiedName = QualifiedName("private", "metrics_zone_offsets_read")
  let readAt = Column<PG.TimestampTZ, NotNull>("read_at")
  /// `pg_postmaster_start_time()` then.
  let serverStartedAt = Column<PG.TimestampTZ, NotNull>("server_started_at")
}
