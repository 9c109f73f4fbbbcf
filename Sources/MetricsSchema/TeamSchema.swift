import SQLBuilder

/// The team's own tables, policies, functions and grants, beside the metrics. `swift run
/// GenSQL` writes them to `supabase/generated/team.sql`, applied after the metrics' files, and
/// migrates their changes with the metrics' (README, "Your own tables"):
/// ```swift
/// public static let script = SQLScript("team.sql", header: header) {
///   CreateTable(DailyGoals.self) { t in t.primaryKey(\.id) }
///   EnableRowLevelSecurity(DailyGoals.self)
/// }
/// ```
public enum TeamSchema {
  static let header = MetricsScripts.header(
    "The team's own objects, declared in Sources/MetricsSchema/TeamSchema.swift.",
    "Apply after the metrics' files: psql --single-transaction -v ON_ERROR_STOP=1 -f team.sql")

  /// `team.sql`: add the statements here.
  public static let script = SQLScript("team.sql", header: header) {
  }
}
