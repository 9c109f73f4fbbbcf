import SQLBuilder

// Rows shaped like a base table under another name: what a catch-up takes from a log or reads
// of a relocated location (CTEs), and what a capture trigger receives (transition tables). One
// declaration per shape; the name says which rows they are: `added_calls`, `new_orders`, …

/// Which rows of a shape: the prefix of their relation's name.
protocol FactRowsName { static var name: String { get } }
/// Rows a statement defines in its WITH.
protocol CommonFactRowsName: FactRowsName {}
/// Rows a trigger's statement passed it.
protocol TransitionFactRowsName: FactRowsName {}

/// Rows as they now are, taken from a change log.
enum Added: CommonFactRowsName { static let name = "added" }
/// Rows as they were, taken from a change log.
enum Removed: CommonFactRowsName { static let name = "removed" }
/// The rows of relocated locations and rezoned accounts, read from a base table.
enum Relocated: CommonFactRowsName { static let name = "relocated" }
/// A statement's rows as they are after it (`NEW TABLE`).
enum NewRows: TransitionFactRowsName { static let name = "new" }
/// A statement's rows as they were before it (`OLD TABLE`).
enum OldRows: TransitionFactRowsName { static let name = "old" }

/// Rows shaped like `public.calls`, named `<name>_calls`.
struct NamedCalls<Name: FactRowsName>: CallRows {
  static var qualifiedName: QualifiedName { QualifiedName("\(Name.name)_calls") }
  let id = Column<PG.Text, NotNull>("id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let status = Column<PG.Text, NotNull>("status")
  let callType = Column<PG.Text, NotNull>("call_type")
  let startedAt = Column<PG.TimestampTZ, Nullable>("started_at")
}

/// Rows shaped like `public.orders`, named `<name>_orders`.
struct NamedOrders<Name: FactRowsName>: OrderRows {
  static var qualifiedName: QualifiedName { QualifiedName("\(Name.name)_orders") }
  let id = Column<PG.UUID, NotNull>("id")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let totalAmount = Column<PG.DoublePrecision, Nullable>("total_amount")
  let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
}

/// Rows shaped like `public.reservations`, named `<name>_reservations`.
struct NamedReservations<Name: FactRowsName>: ReservationRows {
  static var qualifiedName: QualifiedName { QualifiedName("\(Name.name)_reservations") }
  let id = Column<PG.UUID, NotNull>("id")
  let locationID = Column<PG.UUID, NotNull>("location_id")
  let guestCount = Column<PG.Integer, Nullable>("guest_count")
  let avgSpendPerHeadOverride = Column<PG.Numeric, Nullable>("avg_spend_per_head_override")
  let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
}

/// Rows shaped like `public.locations`, named `<name>_locations`.
struct NamedLocations<Name: FactRowsName>: LocationRows {
  static var qualifiedName: QualifiedName { QualifiedName("\(Name.name)_locations") }
  let locationID = Column<PG.UUID, NotNull>("location_id")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let timeZone = Column<PG.Text, Nullable>("time_zone")
}

/// Rows shaped like `public.accounts`, named `<name>_accounts`.
struct NamedAccounts<Name: FactRowsName>: Relation {
  static var qualifiedName: QualifiedName { QualifiedName("\(Name.name)_accounts") }
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let defaultTimeZone = Column<PG.Text, Nullable>("default_time_zone")
}

extension NamedCalls: CommonTable where Name: CommonFactRowsName {}
extension NamedOrders: CommonTable where Name: CommonFactRowsName {}
extension NamedReservations: CommonTable where Name: CommonFactRowsName {}
extension NamedCalls: TransitionTable where Name: TransitionFactRowsName {}
extension NamedOrders: TransitionTable where Name: TransitionFactRowsName {}
extension NamedReservations: TransitionTable where Name: TransitionFactRowsName {}
extension NamedLocations: TransitionTable where Name: TransitionFactRowsName {}
extension NamedAccounts: TransitionTable where Name: TransitionFactRowsName {}

typealias CallsAdded = NamedCalls<Added>
typealias CallsRemoved = NamedCalls<Removed>
typealias RelocatedCalls = NamedCalls<Relocated>
typealias NewCalls = NamedCalls<NewRows>
typealias OldCalls = NamedCalls<OldRows>
typealias OrdersAdded = NamedOrders<Added>
typealias OrdersRemoved = NamedOrders<Removed>
typealias RelocatedOrders = NamedOrders<Relocated>
typealias NewOrders = NamedOrders<NewRows>
typealias OldOrders = NamedOrders<OldRows>
typealias ReservationsAdded = NamedReservations<Added>
typealias ReservationsRemoved = NamedReservations<Removed>
typealias RelocatedReservations = NamedReservations<Relocated>
typealias NewReservations = NamedReservations<NewRows>
typealias OldReservations = NamedReservations<OldRows>
typealias NewLocations = NamedLocations<NewRows>
typealias OldLocations = NamedLocations<OldRows>
typealias NewAccounts = NamedAccounts<NewRows>
typealias OldAccounts = NamedAccounts<OldRows>
