package com.dcbeacon.box.domain;

public enum CurationRunStatus {
    RUNNING,
    DONE,
    FAILED
}
