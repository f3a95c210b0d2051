package com.dcbeacon.box.api;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Every curation run curates every member in the database, so a test's members would otherwise take part in the next
 * tests' runs and eat their products' stock. After each test its members cancel (as a member would), which withdraws
 * their open boxes and releases the stock, and the next test starts with only its own members eligible.
 */
public class RetireTestMembers implements QuarkusTestAfterEachCallback {

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        var fixtures = Arc.container().instance(BoxFixtures.class);
        if (fixtures.isAvailable()) {
            fixtures.get().retireMembers();
        }
    }
}
