package com.dcbeacon.member.domain;

/** Where a data export stands: complete once every expected section arrived. */
public enum DataExportStatus {
    PENDING,
    COMPLETE
}
