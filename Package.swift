// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "MetricsSQL",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "SQLBuilder", targets: ["SQLBuilder"]),
    .library(name: "MetricsSchema", targets: ["MetricsSchema"]),
    .executable(name: "GenSQL", targets: ["GenSQL"]),
    .executable(name: "MetricsBench", targets: ["MetricsBench"]),
  ],
  targets: [
    .target(name: "SQLBuilder"),
    .target(name: "MetricsSchema", dependencies: ["SQLBuilder"]),
    .target(name: "StorySketch", dependencies: ["SQLBuilder"]),
    .target(name: "TextDiff"),
    .target(name: "OperatorTable"),
    .executableTarget(name: "GenOperators", dependencies: ["OperatorTable"]),
    .target(name: "GenSQLCore", dependencies: ["MetricsSchema", "SQLBuilder", "TextDiff"]),
    .executableTarget(name: "GenSQL", dependencies: ["GenSQLCore"]),
    .target(name: "PostgresHarness"),
    .executableTarget(
      name: "MetricsBench",
      dependencies: ["PostgresHarness", "GenSQLCore", "MetricsSchema", "StorySketch", "SQLBuilder"]),
    .testTarget(
      name: "SnapshotTests",
      dependencies: [
        "SQLBuilder", "MetricsSchema", "StorySketch", "GenSQLCore", "TextDiff", "OperatorTable",
      ],
      exclude: ["__Snapshots__", "CompileFailures", "Fixtures"]),
    .testTarget(
      name: "GenSQLTests", dependencies: ["GenSQLCore", "MetricsSchema", "TextDiff"]),
    .testTarget(name: "SQLBuilderTests", dependencies: ["SQLBuilder", "PostgresHarness"]),
    .testTarget(
      name: "DatabaseTests",
      dependencies: ["PostgresHarness", "GenSQLCore", "MetricsSchema", "SQLBuilder"],
      exclude: ["Fixtures", "SecondSchema/phone_agent.sql"]),
  ],
  swiftLanguageModes: [.v6]
)
