/// `get_metrics_for_range` as the dashboard calls it, on the synthetic data's large account
/// (`account21`, with 100 locations of its own): for June 2024, as a user signed in the way
/// PostgREST signs one in.
enum ReadAPICalls {
  static let account = "md5('account21')::uuid"
  /// The account's first location.
  static let firstLocation = "md5('big-location1')::uuid"

  /// Gives `one-location-user` the account's first location and `all-locations-user` all 100.
  static let grantAccess = """
    INSERT INTO user_location_access
    SELECT md5('one-location-user')::uuid, \(firstLocation), \(account)
    UNION ALL
    SELECT md5('all-locations-user')::uuid, md5('big-location' || i)::uuid, \(account)
    FROM generate_series(1, 100) i;
    ANALYZE user_location_access;
    """

  /// The call for `location`; with `NULL`, every location the caller sees.
  static func query(location: String) -> String {
    """
    SELECT * FROM public.get_metrics_for_range(
      p_account_id => \(account), p_location_id => \(location),
      p_from_date => '2024-06-01', p_to_date => '2024-06-30')
    """
  }

  /// Signs in as `user`: `SET ROLE authenticated` and the JWT claims; with `local`, for the
  /// transaction only, as PostgREST does.
  static func signIn(_ user: String, local: Bool = false) -> String {
    """
    SET \(local ? "LOCAL " : "")ROLE authenticated;
    SELECT set_config('request.jwt.claims',
      json_build_object('sub', md5('\(user)')::uuid, 'role', 'authenticated')::text, \(local));
    """
  }
}
