package io.kehu.connector.webform;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What common Chinese and English field labels mean, and what values look like when there is no
 * label: the auto-detection behind presets that work without a mapping.
 */
final class LabelRules {

    /** What a label says a field is; FIRST_NAME and LAST_NAME are put together into the name. */
    enum Meaning {
        EMAIL, PHONE, COMPANY, TITLE, FIRST_NAME, LAST_NAME, NAME, REGION, NOTES, TAGS, SOURCE, OWNER
    }

    private record Rule(Meaning meaning, Set<String> exact, List<String> contained) {
    }

    // Ordered: "company name" is a company before it is a name; "email" before "phone" for "email or phone".
    private static final List<Rule> RULES = List.of(
            new Rule(Meaning.EMAIL, Set.of("mail"), List.of("email", "邮箱", "邮件", "郵箱", "電郵")),
            new Rule(Meaning.PHONE, Set.of("tel", "cell", "cellphone", "telephone", "contactnumber"),
                    List.of("phone", "mobile", "手机", "电话", "手機", "電話", "联系方式")),
            new Rule(Meaning.COMPANY, Set.of("org", "employer", "business"),
                    List.of("company", "organization", "organisation", "公司", "单位", "企业", "机构", "機構")),
            new Rule(Meaning.TITLE, Set.of("title", "jobtitle", "position", "role", "jobrole", "designation"),
                    List.of("职位", "职务", "岗位", "头衔", "職位")),
            new Rule(Meaning.LAST_NAME, Set.of("lastname", "surname", "familyname", "姓", "姓氏"), List.of()),
            new Rule(Meaning.FIRST_NAME, Set.of("firstname", "givenname", "名"), List.of()),
            new Rule(Meaning.NAME, Set.of("name", "fullname", "contactname", "contact", "customername", "名字", "称呼", "联系人"),
                    List.of("姓名", "yourname", "fullname")),
            new Rule(Meaning.REGION, Set.of("region", "city", "province", "country", "state", "location", "area",
                    "地区", "城市", "省份", "国家", "区域"), List.of("所在地", "省市", "所在城市")),
            new Rule(Meaning.NOTES, Set.of("message", "comments", "comment", "notes", "note", "remark", "remarks", "description",
                    "question", "questions", "inquiry", "enquiry", "details", "requirements", "描述", "说明", "问题"),
                    List.of("留言", "备注", "需求", "咨询")),
            new Rule(Meaning.TAGS, Set.of("tags", "tag", "标签"), List.of()),
            new Rule(Meaning.SOURCE, Set.of("source", "utmsource", "leadsource", "channel"), List.of("来源", "渠道")),
            new Rule(Meaning.OWNER, Set.of("owner", "salesperson", "salesrep", "assignee", "负责人", "跟进人", "所属销售"), List.of()));

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE_CHARS = Pattern.compile("\\+?[0-9][0-9 ()\\-.]{5,22}");
    /** A mainland mobile number, with or without +86 / 86: 1[3-9] and nine digits. */
    private static final Pattern CN_MOBILE = Pattern.compile("(\\+?86)?1[3-9]\\d{9}");
    private static final Pattern HAN_NAME = Pattern.compile("[\\p{IsHan}]{2,4}|[\\p{IsHan}]{1,3}·[\\p{IsHan}]{1,4}");
    /** The most common Chinese family names (together well over 80% of people) and the common two-character ones. */
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
            + "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊"
            + "葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管"
            + "柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬"
            + "师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
    private static final Set<String> COMPOUND_SURNAMES =
            Set.of("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "长孙", "宇文", "司徒", "夏侯", "端木");

    private LabelRules() {
    }

    /** What the first label that means something says, or null. */
    static Meaning meaning(List<String> labels) {
        for (String label : labels) {
            Meaning m = meaning(label);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    static Meaning meaning(String label) {
        String n = normalize(label);
        if (n.isEmpty()) {
            return null;
        }
        for (Rule r : RULES) {
            if (r.exact().contains(n) || r.contained().stream().anyMatch(n::contains)) {
                return r.meaning();
            }
        }
        return null;
    }

    /** Lower case, letters and digits only: "E-mail Address" → "emailaddress", "联系人 姓名：" → "联系人姓名". */
    static String normalize(String label) {
        StringBuilder b = new StringBuilder();
        label.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
        return b.toString();
    }

    static boolean looksLikeEmail(String value) {
        return EMAIL.matcher(value.strip()).matches();
    }

    /** A mainland mobile number, or an international number written with a leading +. */
    static boolean looksLikePhone(String value) {
        String v = value.strip();
        if (!PHONE_CHARS.matcher(v).matches()) {
            return false;
        }
        String digits = v.replaceAll("[^0-9+]", "");
        long count = digits.chars().filter(Character::isDigit).count();
        return CN_MOBILE.matcher(digits).matches() || digits.startsWith("+") && count >= 8 && count <= 15;
    }

    /** Two to four Han characters starting with a common family name: a guess, used only for unlabeled fields. */
    static boolean looksLikeChineseName(String value) {
        String v = value.strip();
        if (!HAN_NAME.matcher(v).matches()) {
            return false;
        }
        return v.length() >= 3 && COMPOUND_SURNAMES.contains(v.substring(0, 2)) || SURNAMES.indexOf(v.charAt(0)) >= 0;
    }
}
