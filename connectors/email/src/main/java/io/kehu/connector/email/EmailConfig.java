package io.kehu.connector.email;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.FieldType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/** The email connector's configuration fields and typed access to one instance's values. */
public final class EmailConfig {

    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String PROTOCOL = "protocol";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String FOLDERS = "folders";
    public static final String SENT_FOLDERS = "sentFolders";
    public static final String POLL_INTERVAL = "pollInterval";
    public static final String MOVE_TO = "moveTo";
    public static final String OWN_DOMAINS = "ownDomains";
    public static final String MAX_SUMMARY_CHARS = "maxSummaryChars";
    public static final String TRUST_ALL_CERTIFICATES = "trustAllCertificates";
    public static final String INCLUDE_SEEN = "includeSeen";

    public static final String IMAPS = "imaps";
    public static final String IMAP = "imap";

    public static final List<ConfigField> FIELDS = List.of(
            ConfigField.required(HOST, FieldType.STRING,
                    "IMAP server, e.g. imap.exmail.qq.com, imap.qiye.163.com, imap.gmail.com or outlook.office365.com."),
            ConfigField.optional(PORT, FieldType.INTEGER, "993",
                    "IMAP port: 993 for imaps (TLS from the first byte), 143 for imap."),
            ConfigField.choice(PROTOCOL, IMAPS,
                    "imaps (TLS, port 993) or imap (plain, port 143; upgraded with STARTTLS when the server offers it).",
                    IMAPS, IMAP),
            ConfigField.required(USERNAME, FieldType.STRING,
                    "Login of the mailbox, usually its full address, e.g. sales@example.com. Its address is never a customer."),
            ConfigField.secret(PASSWORD,
                    "Password of the mailbox; with two-step login (Gmail, Outlook, QQ, 163) an app password or 授权码."),
            ConfigField.optional(FOLDERS, FieldType.LIST, "INBOX",
                    "Folders of incoming mail: each mail becomes an interaction on its sender's profile."),
            ConfigField.optional(SENT_FOLDERS, FieldType.LIST, null,
                    "Folders of outgoing mail, e.g. 'Sent', 'Sent Items' or '已发送': each mail becomes an interaction on "
                            + "every external recipient's profile. Read by date from the instance's first start, "
                            + "because sent mail is already marked as read."),
            ConfigField.optional(POLL_INTERVAL, FieldType.DURATION, "60s",
                    "How often each folder is checked, e.g. 60s or 5m. Many providers limit logins: stay at 30s or more."),
            ConfigField.optional(MOVE_TO, FieldType.STRING, null,
                    "Folder incoming mails are moved to once they are processed (created if missing). "
                            + "Default: they stay where they are, marked as read."),
            ConfigField.optional(OWN_DOMAINS, FieldType.LIST, null,
                    "Your company's mail domains, e.g. example.com, example.cn: addresses at these domains are colleagues, "
                            + "never customers. Mail from them in an incoming folder is treated as outgoing."),
            ConfigField.optional(MAX_SUMMARY_CHARS, FieldType.INTEGER, "500",
                    "Length of the timeline summary (subject and body, quoted replies and signature removed)."),
            ConfigField.optional(TRUST_ALL_CERTIFICATES, FieldType.BOOLEAN, "false",
                    "Accept any TLS certificate and host name. Only for tests and self-signed servers on a network you trust."),
            ConfigField.optional(INCLUDE_SEEN, FieldType.BOOLEAN, "false",
                    "Also read incoming mail a person has already opened. Incoming folders are then read by date from the "
                            + "instance's first start, like sent folders, instead of by the unread flag."));

    private final ConnectorConfig config;

    public EmailConfig(ConnectorConfig config) {
        this.config = config;
    }

    /** Checks that go beyond the per-field ones: port range, folders, own domains, summary length. */
    public static List<ConfigProblem> validate(ConnectorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            int port = config.integer(PORT);
            if (port < 1 || port > 65535) {
                problems.add(new ConfigProblem(PORT, "must be between 1 and 65535"));
            }
        } catch (RuntimeException e) {
            // reported by the per-field validation
        }
        try {
            String protocol = config.string(PROTOCOL);
            int port = config.integer(PORT);
            if (IMAP.equals(protocol) && port == 993) {
                problems.add(new ConfigProblem(PORT, "993 is the imaps port: for protocol imap set the port, usually 143"));
            } else if (IMAPS.equals(protocol) && port == 143) {
                problems.add(new ConfigProblem(PORT, "143 is the plain imap port: use protocol imap, or port 993 for imaps"));
            }
        } catch (RuntimeException e) {
            // reported by the per-field validation
        }
        try {
            if (config.integer(MAX_SUMMARY_CHARS) < 20) {
                problems.add(new ConfigProblem(MAX_SUMMARY_CHARS, "must be 20 or more"));
            }
        } catch (RuntimeException e) {
            // reported by the per-field validation
        }
        try {
            if (config.has(POLL_INTERVAL) && config.duration(POLL_INTERVAL).toMillis() < 1) {
                problems.add(new ConfigProblem(POLL_INTERVAL, "must be longer than zero"));
            }
        } catch (RuntimeException e) {
            // reported by the per-field validation
        }
        EmailConfig c = new EmailConfig(config);
        if (c.folders().isEmpty() && c.sentFolders().isEmpty()) {
            problems.add(new ConfigProblem(FOLDERS, "name at least one folder (or one in sentFolders)"));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String f : c.allFolders()) {
            if (!seen.add(f.toLowerCase(Locale.ROOT))) {
                problems.add(new ConfigProblem(SENT_FOLDERS, "folder '" + f + "' is named twice"));
            }
        }
        if (c.moveTo() != null && seen.contains(c.moveTo().toLowerCase(Locale.ROOT))) {
            problems.add(new ConfigProblem(MOVE_TO, "must not be one of the folders that are read"));
        }
        for (String d : config.list(OWN_DOMAINS)) {
            String domain = d.trim();
            if (domain.contains("@") || !domain.contains(".") || domain.contains(" ")) {
                problems.add(new ConfigProblem(OWN_DOMAINS, "'" + domain + "' is not a domain like example.com"));
            }
        }
        return problems;
    }

    public String host() {
        return config.string(HOST).trim();
    }

    public int port() {
        return config.has(PORT) ? config.integer(PORT) : 993;
    }

    /** {@code imaps} or {@code imap}. */
    public String protocol() {
        return config.has(PROTOCOL) ? config.string(PROTOCOL).trim().toLowerCase(Locale.ROOT) : IMAPS;
    }

    public String username() {
        return config.string(USERNAME).trim();
    }

    public String password() {
        return config.string(PASSWORD);
    }

    public List<String> folders() {
        return config.list(FOLDERS).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public List<String> sentFolders() {
        return config.list(SENT_FOLDERS).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Incoming folders first, then sent folders: the order of the route numbers. */
    public List<String> allFolders() {
        List<String> all = new ArrayList<>(folders());
        all.addAll(sentFolders());
        return all;
    }

    public boolean isSentFolder(String folder) {
        return sentFolders().stream().anyMatch(f -> f.equalsIgnoreCase(folder));
    }

    public Duration pollInterval() {
        return config.has(POLL_INTERVAL) ? config.duration(POLL_INTERVAL) : Duration.ofSeconds(60);
    }

    /** The processed folder, or null to leave mails where they are. */
    public String moveTo() {
        return config.has(MOVE_TO) ? config.string(MOVE_TO).trim() : null;
    }

    /** Lower-cased, without a leading {@code @} or dot. */
    public Set<String> ownDomains() {
        Set<String> out = new LinkedHashSet<>();
        for (String d : config.list(OWN_DOMAINS)) {
            String domain = d.trim().toLowerCase(Locale.ROOT);
            while (domain.startsWith("@") || domain.startsWith(".")) {
                domain = domain.substring(1);
            }
            if (!domain.isEmpty()) {
                out.add(domain);
            }
        }
        return out;
    }

    /** The mailbox's own address when the login is one: it is never a customer. */
    public Set<String> ownAddresses() {
        String u = username().toLowerCase(Locale.ROOT);
        return u.contains("@") ? Set.of(u) : Set.of();
    }

    public int maxSummaryChars() {
        return config.has(MAX_SUMMARY_CHARS) ? config.integer(MAX_SUMMARY_CHARS) : 500;
    }

    public boolean trustAllCertificates() {
        return config.has(TRUST_ALL_CERTIFICATES) && config.bool(TRUST_ALL_CERTIFICATES);
    }

    public boolean includeSeen() {
        return config.has(INCLUDE_SEEN) && config.bool(INCLUDE_SEEN);
    }

    /** Whether a folder is read by date window (sent folders, or all when seen mail is included) rather than by the unread flag. */
    public boolean readsByDate(String folder) {
        return isSentFolder(folder) || includeSeen();
    }

    /**
     * Jakarta Mail session properties: timeouts (a silent server must not hold a poll thread
     * forever), STARTTLS for plain imap when offered, and certificate checks unless turned off.
     */
    public Properties javaMailProperties() {
        Properties p = new Properties();
        String proto = protocol();
        p.setProperty("mail." + proto + ".connectiontimeout", "30000");
        p.setProperty("mail." + proto + ".timeout", "60000");
        if (proto.equals(IMAP)) {
            p.setProperty("mail.imap.starttls.enable", "true");
        }
        if (trustAllCertificates()) {
            p.setProperty("mail." + proto + ".ssl.trust", "*");
            p.setProperty("mail." + proto + ".ssl.checkserveridentity", "false");
        } else {
            p.setProperty("mail." + proto + ".ssl.checkserveridentity", "true");
        }
        return p;
    }
}
