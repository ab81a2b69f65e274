package io.kehu.bench;

import java.util.List;

/** Word lists the generated leads are made of. Companies and mail domains are fictional. */
final class LeadVocabulary {

    private LeadVocabulary() {
    }

    /** Surnames with their pinyin, for names and e-mail local parts. */
    static final List<String[]> SURNAMES = List.of(
            p("王", "wang"), p("李", "li"), p("张", "zhang"), p("刘", "liu"), p("陈", "chen"), p("杨", "yang"),
            p("黄", "huang"), p("赵", "zhao"), p("吴", "wu"), p("周", "zhou"), p("徐", "xu"), p("孙", "sun"),
            p("马", "ma"), p("朱", "zhu"), p("胡", "hu"), p("郭", "guo"), p("何", "he"), p("高", "gao"),
            p("林", "lin"), p("罗", "luo"), p("郑", "zheng"), p("梁", "liang"), p("谢", "xie"), p("宋", "song"),
            p("唐", "tang"), p("许", "xu"), p("韩", "han"), p("冯", "feng"), p("邓", "deng"), p("曹", "cao"),
            p("彭", "peng"), p("曾", "zeng"), p("萧", "xiao"), p("田", "tian"), p("董", "dong"), p("潘", "pan"),
            p("袁", "yuan"), p("蔡", "cai"), p("蒋", "jiang"), p("余", "yu"), p("欧阳", "ouyang"), p("司马", "sima"));

    static final List<String[]> GIVEN_NAMES = List.of(
            p("伟", "wei"), p("芳", "fang"), p("娜", "na"), p("敏", "min"), p("静", "jing"), p("磊", "lei"),
            p("强", "qiang"), p("洋", "yang"), p("艳", "yan"), p("勇", "yong"), p("军", "jun"), p("杰", "jie"),
            p("娟", "juan"), p("涛", "tao"), p("明", "ming"), p("超", "chao"), p("秀英", "xiuying"), p("霞", "xia"),
            p("平", "ping"), p("刚", "gang"), p("桂英", "guiying"), p("建华", "jianhua"), p("晓东", "xiaodong"),
            p("海燕", "haiyan"), p("志强", "zhiqiang"), p("丽华", "lihua"), p("文博", "wenbo"), p("子涵", "zihan"),
            p("雨萱", "yuxuan"), p("浩然", "haoran"), p("欣怡", "xinyi"), p("俊杰", "junjie"), p("思远", "siyuan"),
            p("嘉怡", "jiayi"), p("宇航", "yuhang"), p("梦洁", "mengjie"), p("国庆", "guoqing"), p("春梅", "chunmei"),
            p("天佑", "tianyou"), p("一鸣", "yiming"), p("若曦", "ruoxi"), p("明轩", "mingxuan"), p("晨", "chen"),
            p("琳", "lin"), p("鹏", "peng"), p("慧", "hui"), p("婷婷", "tingting"), p("斌", "bin"));

    static final List<String> COMPANIES = List.of(
            "华信云科技有限公司", "龙腾精密制造股份有限公司", "星河数据服务有限公司", "金鼎国际贸易有限公司",
            "远帆物流集团", "青松医疗器械有限公司", "瑞丰新材料科技有限公司", "海纳百川软件有限公司",
            "东方启明教育科技有限公司", "中科锐视智能有限公司", "蓝鲸跨境电商有限公司", "鼎盛建筑工程有限公司",
            "天工机器人科技有限公司", "晨光包装材料有限公司", "汇智咨询管理有限公司", "安泰保险经纪有限公司",
            "绿源农业发展有限公司", "恒通汽车零部件有限公司", "博雅文化传媒有限公司", "锦程人力资源有限公司",
            "北辰能源科技有限公司", "云顶酒店管理有限公司", "百川化工有限公司", "智联万物物联网有限公司");

    static final List<String> TITLES = List.of(
            "采购经理", "销售总监", "总经理", "IT 主管", "市场专员", "运营经理", "技术总监", "财务经理",
            "行政主管", "产品经理", "首席执行官", "供应链经理", "人力资源经理", "区域经理");

    static final List<String> SOURCES = List.of(
            "2025 上海工博会", "官网表单", "微信公众号", "客户转介绍", "线下沙龙", "电话营销", "深圳电子展", "抖音广告");

    static final List<String> TAGS = List.of(
            "VIP", "高意向", "待跟进", "老客户", "华东", "华南", "华北", "制造业", "已报价", "需演示");

    /** Fictional domains: none of the reserved test domains the hub blocks. */
    static final List<String> MAIL_DOMAINS = List.of(
            "huaxinyun-bench.cn", "longteng-bench.com.cn", "xinghe-sim.cn", "jinding-trade-sim.cn",
            "yuanfan-bench.cn", "kehu-leads-sim.cn", "mail.qingsong-sim.cn", "ruifeng-bench.net.cn");

    private static String[] p(String hanzi, String pinyin) {
        return new String[] {hanzi, pinyin};
    }
}
