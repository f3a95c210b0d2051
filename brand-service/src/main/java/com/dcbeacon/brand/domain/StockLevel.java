package com.dcbeacon.brand.domain;

/**
 * A product's stock as box-service's allocations and releases move it, exactly: {@code stock} is what is still
 * available, {@code oversold} the units allocated beyond the stock (an allocation raced a lower stock the brand set).
 * Stock never goes below 0; the shortfall is kept as {@code oversold} instead of being forgotten, and a release pays
 * it back before the stock rises, because those units never were in stock. So an allocation followed by its release
 * always restores the level it started from, and {@code stock - oversold} is always the initial stock minus every
 * unit allocated plus every unit released.
 */
public record StockLevel(int stock, int oversold) {

    public StockLevel {
        if (stock < 0 || oversold < 0) {
            throw new IllegalArgumentException(
                    "stock and oversold units are never negative: " + stock + ", " + oversold);
        }
    }

    public StockLevel allocate(int units) {
        requirePositive(units);
        int taken = Math.min(stock, units);
        return new StockLevel(stock - taken, Math.addExact(oversold, units - taken));
    }

    public StockLevel release(int units) {
        requirePositive(units);
        int repaid = Math.min(oversold, units);
        return new StockLevel(Math.addExact(stock, units - repaid), oversold - repaid);
    }

    /** Available units minus units owed; negative while oversold. */
    public long balance() {
        return (long) stock - oversold;
    }

    private static void requirePositive(int units) {
        if (units < 1) {
            throw new IllegalArgumentException("units must be at least 1, not " + units);
        }
    }
}
