import SQLBuilder

/// A fact view of the metrics contract (section 1): `calls_v`, `orders_v` or `reservations_v`.
public protocol FactView: Relation {
  /// The rows a test writes to make facts of this view: the view's columns the base table
  /// takes (``FactTable/row(_:_:)`` turns them into a base row).
  associatedtype Written: Relation
  /// What one row is, `call`: it names the log, the capture functions and the triggers.
  static var kind: String { get }
}

/// A base table behind a fact view, declared once: its name and the columns the metrics read
/// (the struct's columns, with their types and nullability), its key, the indexes it already
/// has, and how the view computes each of its columns from them.
///
/// ```swift
/// struct PhoneCalls: FactTable {
///   typealias Fact = CallsV
///   static let qualifiedName = QualifiedName("public", "phone_calls")
///   static let uniqueKeys: [[PartialKeyPath<Self>]] = [[\.callID]]
///   static let location = FactColumn(\Self.restaurantID)
///   let callID = Column<PG.UUID, NotNull>("call_id")
///   let restaurantID = Column<PG.UUID, Nullable>("restaurant_id")
///   …
///   static func fact(_ c: Source<Self>, location l: OptionalSource<Locations>, _ out: Projection<CallsV>) {
///     out.id(c.callID.cast(to: PG.Text.self))   // SELECT c.call_id::text AS id, …
///     out.accountID(l.accountID)
///     …
///   }
/// }
/// ```
///
/// From it come the capture triggers, the change logs, the catch-up's row shapes and the
/// comparison that skips updates the metrics do not see, the indexes the incremental strategy
/// adds, the deploy-time check of the catalog, and the test helpers that write facts.
public protocol FactTable: Relation {
  /// The view whose columns the table's rows give.
  associatedtype Fact: FactView
  /// The column naming each row's location: the view joins `locations` on it, and a catch-up
  /// reads a changed location's rows through it.
  static var location: FactColumn<Self> { get }
  /// The column naming each row's own account, when the view reads it rather than the
  /// location's: a catch-up then reads an account's rows through it when its zone changes.
  static var account: FactColumn<Self>? { get }
  /// The indexes the table already has, each by its columns in order. The incremental strategy
  /// adds an index on ``location`` (and ``account``) only where none of these leads with it.
  static var indexes: [[PartialKeyPath<Self>]] { get }
  /// How the view computes each of its columns from a row and its location, `l`:
  /// `FROM table LEFT JOIN locations l ON l.location_id = <location>`.
  static func fact(
    _ row: Source<Self>, location l: OptionalSource<Locations>, _ out: Projection<Fact>)
  /// Which rows the view shows, its WHERE (`b.cancelled_at IS NULL`), or nil for every row.
  /// Declare each column it reads, so that an update of one is logged.
  static func isShown(_ row: Source<Self>, location l: OptionalSource<Locations>)
    -> SQLExpression<PG.Boolean, Nullable>?
  /// A row a test writes to make the fact `written`: every column of the table from it.
  static func row(_ written: Source<Fact.Written>, _ out: Projection<Self>)
}

extension FactTable {
  public static func isShown(_ row: Source<Self>, location l: OptionalSource<Locations>)
    -> SQLExpression<PG.Boolean, Nullable>?
  { nil }
  public static var account: FactColumn<Self>? { nil }
  public static var indexes: [[PartialKeyPath<Self>]] { [] }
}

/// A `uuid` column of a base table, NOT NULL or not, naming a location or an account.
public struct FactColumn<Table: Relation>: Sendable {
  /// The column's name.
  public let name: String
  let keyPath: PartialKeyPath<Table> & Sendable
  let read: @Sendable (Source<Table>) -> SQLExpression<PG.UUID, Nullable>

  /// The column `keyPath` names.
  public init<N: Nullability>(_ keyPath: KeyPath<Table, Column<PG.UUID, N>> & Sendable) {
    name = Table.columnName(keyPath)
    self.keyPath = keyPath
    read = { $0[dynamicMember: keyPath].nullable }
  }
}

/// The source schema the metrics read: the base table behind each fact view. ``SourceTables``
/// declares the project's own.
public protocol SourceSchema: SendableMetatype {
  associatedtype Calls: FactTable where Calls.Fact == CallsV
  associatedtype Orders: FactTable where Orders.Fact == OrdersV
  associatedtype Reservations: FactTable where Reservations.Fact == ReservationsV
}
