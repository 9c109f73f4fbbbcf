import MetricsSchema
import SQLBuilder
import Testing

/// A base table's declaration that leaves the incremental strategy blind stops generation,
/// naming the table and what to declare.
@Suite struct DeclarationRuleTests {
  /// Orders that keep their own account, declared without `account`.
  struct Purchases: FactTable {
    typealias Fact = OrdersV
    static let qualifiedName = QualifiedName("public", "purchases")
    static var uniqueKeys: [[PartialKeyPath<Self>]] { [[\.purchaseID]] }
    static var location: FactColumn<Self> { FactColumn(\.storeID) }
    let purchaseID = Column<PG.UUID, NotNull>("purchase_id")
    let orgID = Column<PG.UUID, NotNull>("org_id")
    let storeID = Column<PG.UUID, Nullable>("store_id")
    let amount = Column<PG.DoublePrecision, NotNull>("amount")
    let placedAt = Column<PG.TimestampTZ, NotNull>("placed_at")

    static func fact(
      _ p: Source<Self>, location _: OptionalSource<Locations>, _ out: Projection<OrdersV>
    ) {
      out.id(p.purchaseID)
      out.accountID(p.orgID)
      out.locationID(p.storeID)
      out.totalAmount(p.amount)
      out.createdAt(p.placedAt)
    }

    static func row(_ order: Source<WrittenOrders>, _ out: Projection<Self>) {
      out.purchaseID(order.id)
      out.orgID(order.accountID)
      out.storeID(order.locationID)
      out.amount(coalesce(order.totalAmount, .constant(0)))
      out.placedAt(order.createdAt)
    }
  }

  enum Blind: SourceSchema {
    typealias Calls = MetricsSchema.Calls
    typealias Orders = Purchases
    typealias Reservations = MetricsSchema.Reservations
  }

  @Test func anAccountTheViewReadsFromTheRowMustBeDeclared() throws {
    #expect(throws: SQLGenerationError.self) {
      try generate(MetricsScripts.all(.incremental, sources: Blind.self))
    }
    do {
      _ = try generate(MetricsScripts.all(.incremental, sources: Blind.self))
    } catch {
      #expect(
        error.description.contains(
          "base table public.purchases: public.orders_v.account_id reads org_id of the row: declare `static var account"
        ), "\(error.description)")
    }
    // The refresh strategy reads only the views: nothing to declare.
    _ = try generate(MetricsScripts.all(.refresh, sources: Blind.self))
  }
}
