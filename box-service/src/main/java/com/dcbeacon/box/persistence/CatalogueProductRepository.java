package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.CatalogueProduct;
import com.dcbeacon.box.domain.ProductStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

@ApplicationScoped
public class CatalogueProductRepository implements PanacheRepositoryBase<CatalogueProduct, UUID> {

    /**
     * The product with this id, or a new one holding only the id, not yet persisted: the product is created by
     * whichever event about it comes first. The caller fills it and persists it.
     */
    public CatalogueProduct findOrNew(UUID productId) {
        return findByIdOptional(productId).orElseGet(() -> {
            CatalogueProduct created = new CatalogueProduct();
            created.productId = productId;
            return created;
        });
    }

    /** Products curation may place now: published, in stock, not under review. */
    public List<CatalogueProduct> curatable() {
        return list("status = ?1 and stock > 0 and underReview = false", ProductStatus.PUBLISHED);
    }

    /**
     * The products, each row-locked as {@link #lock} does, in ascending id order: the one order every transaction takes
     * product rows in (see the box-service README, "Lock order"), so two transactions locking some of the same products
     * never wait for each other in a circle. Rows this transaction already holds are read again without waiting.
     */
    public void lockAscending(java.util.Collection<UUID> productIds) {
        new java.util.TreeSet<>(productIds).forEach(this::lock);
    }

    /**
     * What a product's row holds once {@link #takeAll} took units from it: the stock left (negative when the product
     * holds fewer units than were taken: its brand lowered the stock since the caller read it), its status and whether
     * it is under review.
     */
    public record StockTaken(int stock, ProductStatus status, boolean underReview) {}

    /**
     * Takes {@code units} (product id → units) from each product's stock in two statements, however many products:
     * locks the rows as {@link #lockAscending} does (ascending id as {@link UUID#compareTo} orders them, not as
     * PostgreSQL sorts uuids), then lowers the stock of the rows it locked in one update and answers each row as it is
     * after it. Ids unknown when the rows were locked are left out of the answer and untouched. A curation page takes a unit or more of most of the catalogue: one locked read and one
     * update per product, or an entity flushed per product, was most of its commit. Products this transaction loaded
     * earlier have their changes written first and are read again after, so their entities show the stock taken.
     */
    public Map<UUID, StockTaken> takeAll(Map<UUID, Integer> units) {
        List<UUID> ordered = List.copyOf(new TreeSet<>(units.keySet()));
        Map<UUID, StockTaken> taken = new HashMap<>();
        if (ordered.isEmpty()) {
            return taken;
        }
        SessionImplementor session = getSession().unwrap(SessionImplementor.class);
        session.flush();
        session.doWork(connection -> {
            // Locked row by row in the order given; the update below changes only the rows locked here.
            List<UUID> locked = new ArrayList<>();
            try (PreparedStatement lock = connection.prepareStatement(LOCK_IN_ORDER)) {
                lock.setArray(1, connection.createArrayOf("uuid", ordered.toArray()));
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        locked.add(rows.getObject(1, UUID.class));
                    }
                }
            }
            if (locked.isEmpty()) {
                return;
            }
            try (PreparedStatement take = connection.prepareStatement(TAKE)) {
                take.setArray(1, connection.createArrayOf("uuid", locked.toArray()));
                take.setArray(
                        2,
                        connection.createArrayOf(
                                "integer", locked.stream().map(units::get).toArray()));
                try (ResultSet rows = take.executeQuery()) {
                    while (rows.next()) {
                        taken.put(
                                rows.getObject(1, UUID.class),
                                new StockTaken(
                                        rows.getInt(2), ProductStatus.valueOf(rows.getString(3)), rows.getBoolean(4)));
                    }
                }
            }
        });
        EntityPersister persister =
                session.getFactory().getMappingMetamodel().getEntityDescriptor(CatalogueProduct.class);
        for (UUID id : taken.keySet()) {
            Object loaded = session.getPersistenceContextInternal().getEntity(session.generateEntityKey(id, persister));
            if (loaded != null) {
                session.refresh(loaded);
            }
        }
        return taken;
    }

    private static final String TAKE = """
            update catalogue_product p set stock = p.stock - u.units
            from unnest(?::uuid[], ?::integer[]) as u(id, units) where p.product_id = u.id
            returning p.product_id, p.stock, p.status, p.under_review""";

    /** Locks the rows in the order of the array: the sort is below the lock, so rows are locked as they come. */
    private static final String LOCK_IN_ORDER = """
            select p.product_id from unnest(?) with ordinality as u(id, n)
            join catalogue_product p on p.product_id = u.id order by u.n for no key update of p""";

    /**
     * The product, row-locked until the transaction ends (stock, status and review changes take turns) and read as it is
     * once the lock is held; null when unknown. An entity this transaction already loaded is read again: a recall may
     * have committed since, and the caller decides on what is true now.
     */
    public CatalogueProduct lock(UUID productId) {
        SessionImplementor session = getSession().unwrap(SessionImplementor.class);
        EntityPersister persister =
                session.getFactory().getMappingMetamodel().getEntityDescriptor(CatalogueProduct.class);
        Object loaded =
                session.getPersistenceContextInternal().getEntity(session.generateEntityKey(productId, persister));
        if (loaded == null) {
            // Not loaded in this transaction (asked without a proxy, so an unknown id leaves nothing behind that a
            // later persist of that id would collide with)
            return session.find(CatalogueProduct.class, productId, LockModeType.PESSIMISTIC_WRITE);
        }
        // Loaded earlier in this transaction: its changes are written first, then it is read again under the lock.
        session.flush();
        session.refresh(loaded, LockModeType.PESSIMISTIC_WRITE);
        return (CatalogueProduct) loaded;
    }
}
