/// Deterministic data of the shape the story describes, generated inside PostgreSQL: 20
/// accounts sharing 100 locations, and a 21st account with 100 locations of its own and a tenth
/// of the calls (the read API's large account), a year of calls (a third order calls, a tenth reservation calls),
/// an order per order call and a reservation per reservation call, settings for some accounts
/// and locations, a few facts without a location, and a few garbage time zones. Rows go into the
/// base tables; the metrics read them through the source views.
enum SyntheticData {
  /// The SQL that fills the source relations with `calls` calls.
  static func load(calls: Int) -> String {
    """
    INSERT INTO accounts
    SELECT md5('account' || i)::uuid,
           CASE WHEN i = 7 THEN 'Not/AZone' WHEN i % 4 = 0 THEN 'Europe/Berlin' ELSE 'America/New_York' END
    FROM generate_series(1, 20) i;
    INSERT INTO accounts VALUES (md5('account21')::uuid, 'UTC');

    INSERT INTO locations
    SELECT md5('big-location' || i)::uuid, md5('account21')::uuid, 'America/New_York'
    FROM generate_series(1, 100) i;

    INSERT INTO locations
    SELECT md5('location' || i)::uuid, md5('account' || (1 + i % 20))::uuid,
           CASE WHEN i % 10 = 0 THEN NULL WHEN i = 13 THEN 'garbage' WHEN i % 3 = 0 THEN 'America/Chicago'
                ELSE 'America/New_York' END
    FROM generate_series(1, 100) i;

    INSERT INTO account_settings
    SELECT md5('account' || i)::uuid, 60 + 30 * (i % 3),
           CASE WHEN i % 4 = 0 THEN 'orders_only' ELSE 'orders_plus_res_estimate' END,
           CASE WHEN i % 6 = 0 THEN NULL ELSE 20 + i END
    FROM generate_series(1, 20) i WHERE i % 5 <> 0;

    INSERT INTO location_settings
    SELECT md5('location' || i)::uuid, CASE WHEN i % 2 = 0 THEN 45 END, CASE WHEN i % 4 = 0 THEN NULL ELSE 25 + i % 10 END
    FROM generate_series(1, 100) i WHERE i % 3 = 0;

    CREATE TEMP TABLE synthetic_calls AS
    SELECT i,
           CASE WHEN i % 500 = 0 THEN NULL WHEN i % 10 = 9 THEN md5('account21')::uuid
                ELSE md5('account' || (1 + l % 20))::uuid END AS account_id,
           CASE WHEN i % 200 = 0 OR i % 500 = 0 THEN NULL
                WHEN i % 10 = 9 THEN md5('big-location' || (1 + i / 10 % 100))::uuid
                ELSE md5('location' || l)::uuid END AS location_id,
           CASE WHEN i % 3 = 0 THEN 'order' WHEN i % 10 = 1 THEN 'reservation'
                WHEN i % 7 = 2 THEN 'catering' ELSE 'general' END AS call_type,
           CASE WHEN i % 5 < 3 THEN 'completed' WHEN i % 5 = 3 THEN 'missed' ELSE 'failed' END AS status,
           timestamptz '2024-01-01 00:00Z' + (i::double precision / \(calls) * 366 * 86400) * interval '1 second' AS started_at
    FROM (SELECT i, 1 + (i * 2654435761 % 4294967296) % 100 AS l FROM generate_series(1, \(calls)) i) s;

    INSERT INTO calls
    SELECT 'call-' || i, location_id, status, call_type, started_at FROM synthetic_calls;

    INSERT INTO orders
    SELECT md5('order' || i)::uuid, account_id, CASE WHEN i % 1000 = 3 THEN NULL ELSE location_id END,
           10 + i % 90 + 0.25, started_at + interval '5 minutes'
    FROM synthetic_calls WHERE call_type = 'order' AND account_id IS NOT NULL;

    INSERT INTO reservations
    SELECT md5('reservation' || i)::uuid, coalesce(location_id, md5('location1')::uuid),
           CASE WHEN i % 50 = 1 THEN NULL ELSE 1 + i % 8 END,
           CASE WHEN i % 7 = 1 THEN 30.50 END, started_at + interval '2 minutes'
    FROM synthetic_calls WHERE call_type = 'reservation';

    DROP TABLE synthetic_calls;
    VACUUM ANALYZE;
    """
  }
}
