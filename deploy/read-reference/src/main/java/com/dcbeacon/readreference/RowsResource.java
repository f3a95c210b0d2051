package com.dcbeacon.readreference;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The whole reference: two rows read with Panache and returned as JSON, no checks, no logging. */
@Path("/rows")
@Produces(MediaType.APPLICATION_JSON)
public class RowsResource {

    @GET
    public List<Item> rows() {
        return Item.listAll();
    }
}
