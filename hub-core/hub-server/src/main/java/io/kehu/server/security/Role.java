package io.kehu.server.security;

/** What an API key may do. Each role includes the ones below it. */
public enum Role {
    /** Search and read profiles and import reports. */
    SALES,
    /** Also manage connector instances and upload files. */
    INTEGRATOR,
    /** Also manage plugins. */
    ADMIN;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }
}
