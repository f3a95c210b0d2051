package com.dcbeacon.readreference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One of the two rows the reference reads. */
@Entity
@Table(name = "reference_row")
public class Item extends PanacheEntityBase {

    @Id
    public long id;

    public String name;
}
