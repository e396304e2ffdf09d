"""mentions: candidate spans with class labels, on hand-built Docs (tables of sentence → spans)."""

from __future__ import annotations

import pytest

from conftest import TINY, mention_set

A, O, P, D, PL, E, PE = "AdministrativeArea", "Organization", "Program", "PolicyDocument", "Place", "Event", "Person"


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason="bug: " + reason)


# sentence → (surface, class) pairs that must all be found (non-nested mentions of the body)
FOUND = [
    # areas: full names, short forms, written hierarchy, townships of the issuer, countries
    ("我县与门头沟区、阜平签订合作协议。", {("门头沟区", A), ("阜平", A)}),
    ("助力河北阜平实现脱贫。", {("河北", A), ("阜平", A)}),
    ("与天津市蓟州区开展战略合作。", {("天津市", A), ("蓟州区", A)}),
    ("深化与河北阜平合作。", {("河北", A), ("阜平", A)}),
    ("我县与内蒙古自治区鄂伦春自治旗签订合作协议。", {("内蒙古自治区", A), ("鄂伦春自治旗", A)}),
    ("与蒙古国乌兰巴托市开展交流，与日本东京开展交流。", {("蒙古国", A), ("乌兰巴托", A), ("日本", A), ("东京", A)}),
    # a township of another county right after its county (the tables know the county's townships)
    ("支持阜平县城南庄镇发展。歙县深渡镇获评全国乡村旅游重点镇。",
     {("阜平县", A), ("城南庄镇", A), ("歙县", A), ("深渡镇", A)}),
    ("支持白石山镇和银坊镇发展特色农业。", {("白石山镇", A), ("银坊镇", A)}),
    # a two-character county name of another province is a phrase here (产业兴县), one of the issuer's is the county
    ("坚持产业兴县，支持易县发展。", {("易县", A)}),
    # townships listed before the last one, which alone carries the level
    ("白石山、王安和走马驿镇被命名为示范镇。", {("白石山", A), ("王安", A), ("走马驿镇", A)}),
    ("与韩国、日本、美国开展经贸交流。", {("韩国", A), ("日本", A), ("美国", A)}),
    ("积极融入雄安新区建设。", {("雄安新区", A)}),
    # quotes with a head noun
    ("开展“清河行动”，整治河道。", {("“清河行动”", P)}),
    ("实施“厕所革命”专项行动。", {("“厕所革命”专项行动", P)}),
    ("深化“放管服”改革。", {("“放管服”改革", P)}),
    ("推行“一链办”审批服务和“拿地即动工”审批模式。", {("“一链办”审批服务", P), ("“拿地即动工”审批模式", P)}),
    ("健全“四位一体”联动服务机制。", {("“四位一体”联动服务机制", P)}),
    ("启动实施“百企技改、百企转型”三年行动。", {("“百企技改、百企转型”三年行动", P)}),
    # quotes a verb runs directly: lists, codes and glossed numbered terms; quotes that are built or take effect
    ("继续推行“马上办、网上办、就近办”，实施“2611”和“3+2”。",
     {("“马上办、网上办、就近办”", P), ("“2611”", P), ("“3+2”", P)}),
    ("持续开展“两个一”〔4〕活动。", {("“两个一”", P)}),
    ("推动“一村一景”建设，“街巷事街巷办”成效明显。", {("“一村一景”", P), ("“街巷事街巷办”", P)}),
    # a quoted process reform run by its verb; the length of a campaign is part of its name
    ("全面推行“全流程网上办理”，深入开展城市隐患治理三年行动。",
     {("“全流程网上办理”", P), ("城市隐患治理三年行动", P)}),
    # a site or body named by numbers is a programme of building them
    ("建设“四好农村路”，建成“一站三中心”。", {("“四好农村路”", P), ("“一站三中心”", P)}),
    # reforming a system is the programme (…体制改革, …机制改革试点)
    ("深化金融街服务体制改革，街道管理体制机制改革试点全面展开。",
     {("金融街服务体制改革", P), ("街道管理体制机制改革试点", P)}),
    # campaigns of study, censuses
    ("深入开展党史学习教育，做好第五次全国经济普查。", {("党史学习教育", P), ("第五次全国经济普查", P)}),
    # …named by a whole verb phrase, from the list mark, after the verb that runs them
    ("扎实开展党史学习教育、学习贯彻新思想主题教育、深入贯彻八项规定精神学习教育。",
     {("党史学习教育", P), ("学习贯彻新思想主题教育", P), ("深入贯彻八项规定精神学习教育", P)}),
    # ministries and bureaus jieba knows as words, or splits from their field
    ("经验被公安部推广，被生态环境部命名，由县委组织部牵头。", {("公安部", O), ("生态环境部", O), ("县委组织部", O)}),
    # a place in brackets inside a name; a body named only by what it does
    ("参与北京（京津冀）国际科技创新中心建设，建好北方（沧州）跨境电商物流基地，完成殡葬管理所二期建设。",
     {("北京（京津冀）国际科技创新中心", O), ("北方（沧州）跨境电商物流基地", PL), ("殡葬管理所", O)}),
    # a road with its section in brackets, and the two roads of a range; a site named by one word
    ("育才街（龙津路至春台路）、龙津路（燕赵街至育才街）启动实施，复兴公园获评三星级公园。",
     {("育才街", PL), ("龙津路", PL), ("春台路", PL), ("燕赵街", PL), ("复兴公园", PL)}),
    # firms named by their trade; associations named by it
    ("禧跃食品、融达纸业等项目建成投产，成立生活用纸产业协会。",
     {("禧跃食品", O), ("融达纸业", O), ("生活用纸产业协会", O)}),
    # lakes, canals and cultural belts; a middle dot joins two parts of one name
    ("白洋淀水清岸绿，大运河文化带加快建设，中国·高唐书画文创产业园获评示范园区。",
     {("白洋淀", PL), ("大运河文化带", PL), ("中国·高唐书画文创产业园", PL)}),
    # a body stationed elsewhere; a verb jieba fused with the level (新建县|第三中学)
    ("建立驻重庆人才工作站，新建县第三中学等公办学校。", {("驻重庆人才工作站", O), ("县第三中学", O)}),
    # working groups; an old river course
    ("在国管局扶贫工作组协调下，黄河故道高效农业加快发展。", {("国管局扶贫工作组", O), ("黄河故道", PL)}),
    # sites named by what they are for
    ("智能装备产业园、国防教育小镇加速建设。", {("智能装备产业园", PL), ("国防教育小镇", PL)}),
    # bare names listed beside a place named by its head: a list keeps to one kind of thing
    ("推动商圈与雍和宫、东单等周边区域联动。", {("雍和宫", PL), ("东单", PL)}),
    ("东二环北延、北三环、石家庄北站加快推进。", {("东二环北延", PL), ("北三环", PL), ("石家庄北站", PL)}),
    # a quote followed by an event's head names the event, even when it reads like an idea
    ("成功举办“夜经济”系列活动。", {("“夜经济”系列活动", E)}),
    # sites and lines named by their head (…保护区, …示范园, …大道), service lines
    ("京车大道建成通车，12345政务服务便民热线高效运转。", {("京车大道", PL), ("12345政务服务便民热线", P)}),
    # a document applied by 严格执行
    ("严格执行中央八项规定及其实施细则精神。", {("中央八项规定", D)}),
    # 《》 titles
    ("出台《关于支持民营经济发展的若干措施》。", {("《关于支持民营经济发展的若干措施》", D)}),
    ("印发《涞源县国土空间总体规划(2021-2035年)》。", {("《涞源县国土空间总体规划(2021-2035年)》", D)}),
    # documents named without 《》 after a verb that enacts or applies them; N-article policies
    ("出台关于促进文物建筑合理利用和开放管理的若干意见，推进开放。", {("关于促进文物建筑合理利用和开放管理的若干意见", D)}),
    ("落实民营经济促进条例，严格落实中央八项规定精神。", {("民营经济促进条例", D), ("中央八项规定", D)}),
    ("出台“金服十条”促进政策。", {("“金服十条”", D)}),
    # name suffixes of the genre
    ("涞源县人民医院新院区投入使用。", {("涞源县人民医院", O)}),
    ("成立涞源县文化旅游发展中心。", {("涞源县文化旅游发展中心", O)}),
    ("筹备举办太行山康养论坛。", {("太行山康养论坛", E)}),
    ("白石山景区接待游客增长。", {("白石山景区", PL)}),
    ("县住建局开展检查。", {("县住建局", O)}),
    ("与北京大学、清华大学和中国农业大学签订合作协议。", {("北京大学", O), ("清华大学", O), ("中国农业大学", O)}),
    # a programme's name runs back to the verb that opens its phrase, and loses 好, counts, 首批
    ("实施农村饮水安全巩固提升工程。", {("农村饮水安全巩固提升工程", P)}),
    ("启动先农坛一亩三分地景观恢复工程。", {("先农坛一亩三分地景观恢复工程", P)}),
    ("完成全国社区治理和服务创新实验区验收。", {("全国社区治理和服务创新实验区", P)}),
    ("实施好文化惠民工程。", {("文化惠民工程", P)}),
    ("全面打响文物腾退攻坚战。", {("文物腾退攻坚战", P)}),
    ("开发区纳入首批开发区东西合作共建试点。", {("开发区东西合作共建试点", P)}),
    # enumerations closed by a category noun: the category gives the members their class
    ("与淘宝、京东等电商平台深度合作。", {("淘宝", O), ("京东", O)}),
    ("新建常乐坊、逸清园等2处城市森林。", {("常乐坊", PL), ("逸清园", PL)}),
    ("东福寿里、蜡烛园等20处口袋公园建成开放。", {("东福寿里", PL), ("蜡烛园", PL)}),
    ("组团参加首届中国国际进口博览会、第五届京交会等活动。", {("首届中国国际进口博览会", E), ("第五届京交会", E)}),
    ("做好四达大厦等核心区楼宇升级。", {("四达大厦", PL)}),
    ("引导京东、盒马鲜生等企业入驻。", {("京东", O), ("盒马鲜生", O)}),
    ("开展“感知西城”“两展一节”等活动。", {("“感知西城”", E), ("“两展一节”", E)}),
    # a quality before an area's name names a campaign
    ("深入推进平安河北建设。营造“美丽河北”的浓厚氛围。", {("平安河北", P), ("美丽河北", P)}),
    # an event keeps its edition, year and reach
    ("汽修专业学生获全省汽车技能大赛金奖。", {("全省汽车技能大赛", E)}),
    ("荣获第四届“省长杯”工业设计大赛金奖。", {("第四届“省长杯”工业设计大赛", E)}),
    ("组织举办2024年中国农民丰收节。", {("2024年中国农民丰收节", E)}),
    ("较好地完成了区三届人大三次会议既定任务。", {("区三届人大三次会议", E)}),
    # places named bare as winners of an award for their kind
    ("骆驼湾获评第二批全国乡村旅游重点村。", {("骆驼湾", PL)}),
    ("顾家台、不老台共同获评省级民主法治示范村。", {("顾家台", PL), ("不老台", PL)}),
    # congresses, plenums and anniversaries
    ("贯彻省第十次党代会、市委十二届三次全会和县委十四届三次全会部署。",
     {("省第十次党代会", E), ("市委十二届三次全会", E), ("县委十四届三次全会", E)}),
    ("今年是新中国成立70周年。", {("新中国成立70周年", E)}),
    ("组织开展庆祝改革开放40周年主题系列活动。", {("庆祝改革开放40周年主题系列活动", E)}),
    ("圆满完成建党100周年安保任务。", {("建党100周年", E)}),
    # issuer pronouns
    ("我县经济稳步增长，全县人民共同努力，我们实现了目标。", {("我县", A), ("全县", A), ("我们", A)}),
    # known-bad cases
    ("与中国建筑集团有限公司、河北大学开展战略合作。", {("中国建筑集团有限公司", O), ("河北大学", O)}),
    ("与河北大学和保定学院开展战略合作。", {("河北大学", O), ("保定学院", O)}),
    pytest.param("成立涞源县大数据中心。", {("涞源县大数据中心", O)},
                 marks=bug("涞源县大数据中心 (…中心 after a noun jieba tags 'n') is missed")),
    ("成功举办第三届太行山文化论坛。", {("第三届太行山文化论坛", E)}),
    ("县市场监管局、县住建局联合开展检查。", {("县市场监管局", O), ("县住建局", O)}),
    ("县医院完成改造。", {("县医院", O)}),
    ("建成县中医院门诊楼，完成县第一中学改造。", {("县中医院", O), ("县第一中学", O)}),
    # bodies jieba knows by name; a former company keeps its name
    ("工作经验被国务院推广，新华社等媒体报道。", {("国务院", O), ("新华社", O)}),
    ("原蓝山集团资产全面盘活。", {("蓝山集团", O)}),
    # list members that share a head with a member already found; a township before its village
    ("加快建设唐正街、惠民街、平安街、友谊街，改造迎宾路、育红路、光泽路。",
     {("唐正街", PL), ("惠民街", PL), ("平安街", PL), ("友谊街", PL), ("迎宾路", PL), ("育红路", PL), ("光泽路", PL)}),
    ("支持白石山镇王安镇村建成美丽乡村。", {("白石山镇", A), ("王安镇村", PL)}),
    # a gazetteer area is a place name whatever jieba tags it (保定/v)
    ("入股保定银行和保定市中小企业融资担保公司。", {("保定银行", O), ("保定市中小企业融资担保公司", O)}),
    ("保定合金新材料产研基地试运行。", {("保定合金新材料产研基地", PL)}),
    ("石家庄国际陆港实现跨越式发展。", {("石家庄国际陆港", PL)}),  # a modifier (国际) inside a name
    # companies named by a proper part and their trade (brand heads)
    ("长发铝业获评省制造业单项冠军。", {("长发铝业", O)}),
    ("经阜平县委、县政府提请，保定市委、市政府发起。", {("阜平县委", O), ("保定市委", O)}),
    ("北京市西城区人民政府", {("北京市西城区人民政府", O)}),
    ("我代表县人民政府向大会报告工作。", {("县人民政府", A)}),  # the issuer, not an organization of its own
    # firms without a head noun: members of a list of projects signed or put into production
    ("河北安通、北京鲜厨、天津明睿果酒等项目签约落地。", {("河北安通", O), ("北京鲜厨", O), ("天津明睿果酒", O)}),
    ("大兴果品、香油坊、国泰冷链等项目建成投产。", {("大兴果品", O), ("香油坊", O), ("国泰冷链", O)}),
    ("瑞丰达年产2万吨稻米油、白石山景区等一批重大项目签约落地。", {("瑞丰达", O), ("白石山景区", PL)}),
    # central enterprises: 中国 + a short proper name before a list mark or 总部/子公司
    ("中国华电和中铁二局三级子公司落户本区。", {("中国华电", O)}),
    ("中国星网、中国中化总部等疏解项目加快建设。", {("中国星网", O), ("中国中化", O)}),
    # events by their short form ending in 会
    ("以筹办北京冬奥会为契机。", {("北京冬奥会", E)}),
    ("办好廊洽会、数博会，引进一批龙头企业。", {("廊洽会", E), ("数博会", E)}),
    # two events held as one: the name runs back over 暨 to the verb that holds them
    ("成功举办民族团结进步创建工作30周年暨城市民族工作交流会，配合办好首届中国·太行乡村振兴高峰论坛暨乡村产业发展研讨会。",
     {("民族团结进步创建工作30周年暨城市民族工作交流会", E), ("首届中国·太行乡村振兴高峰论坛暨乡村产业发展研讨会", E)}),
    # series of activities, exhibitions, seminars; an edition makes an event of a plain name
    ("举办全民健身冰雪季系列活动60场，参加全省旅游大会成果展，举办第八届戏曲节。",
     {("全民健身冰雪季系列活动", E), ("全省旅游大会成果展", E), ("第八届戏曲节", E)}),
    ("在进博会期间签约，参加亚运会和全运会。", {("进博会", E), ("亚运会", E), ("全运会", E)}),
    # the members of a list of places that are areas stay areas; an opening verb is no part of a name
    ("对标上海、广东、浙江等地先进园区，谋划陈独秀纪念馆布展。",
     {("上海", A), ("广东", A), ("浙江", A), ("陈独秀纪念馆", PL)}),
    # a name with a place in brackets starts after the list mark before it
    ("与东方电气集团、中建远华（上海）公司等名企对接。", {("东方电气集团", O), ("中建远华（上海）公司", O)}),
    # the first member of a list loses the verbs that open the clause (着力|建设|…)
    ("着力建设东湖—北站、西湖、南湖等特色片区。", {("东湖—北站", PL)}),
    # joint regions named by their provinces' abbreviations, and the strategies named after them
    ("深化晋冀鲁豫合作，推动京津冀协同发展取得新进展。", {("晋冀鲁豫", A), ("京津冀协同发展", P)}),
    # a new area named again by its stem alone
    ("支持两江新区建设，一批企业落户两江。", {("两江新区", A), ("两江", A)}),
    # a preposition jieba joined to the first member of a list is no part of it
    ("以宏泽食品、水润佳禾等企业为依托。", {("宏泽食品", O), ("水润佳禾", O)}),
    # a member of a list ends at the head it shares with the member before it
    ("完成府河、金线河水质提升。", {("府河", PL), ("金线河", PL)}),
    # an unknown word after a place name stays in the name, even if it opens like a verb
    ("廊坊临空经济区建设提速。", {("廊坊临空经济区", PL)}),
    # kinds of parks jieba knows as words are heads of their own
    ("推进黄河故道郊野森林公园建设。", {("黄河故道郊野森林公园", PL)}),
    # departments named for two fields (…和…局), a set phrase inside a name, a sub-centre is a place
    ("自然资源和规划局、城关区武术和棋类运动管理中心联合检查。",
     {("自然资源和规划局", O), ("城关区武术和棋类运动管理中心", O)}),
    ("支持南京城市副中心建设。", {("南京城市副中心", PL)}),
    # a quoted list named by the campaign head that follows it a few words on
    ("深入开展“转观念、强服务、抓落实”作风能力大提升专项行动。", {("“转观念、强服务、抓落实”作风能力大提升专项行动", P)}),
    # a loan product named by its place (…贷)
    ("推广中原创业贷，扩大信贷投放。", {("中原创业贷", P)}),
    # a programme head fused with the level that carries it (试点|县)
    ("入选农民合作社省级试点县，获批数字乡村试点县。", {("农民合作社省级试点", P), ("数字乡村试点", P)}),
    # a quoted campaign of taking something into a kind of place is a programme, not a place
    ("“城市管理进社区”典型经验在全省推广。", {("“城市管理进社区”", P)}),
    # a quoted series of activities is an event
    ("系列“燕赵行”活动影响广泛。", {("“燕赵行”活动", E)}),
    # two works run as one (…暨…工程); places counted before the kind of programme they are
    ("南延北伸暨城乡（园区）智慧供水工程基本完工。", {("南延北伸暨城乡（园区）智慧供水工程", P)}),
    ("东湖、西湖两大乡村振兴示范区累计投资1.3亿元。", {("乡村振兴示范区", P)}),
    # a trade jieba tags as a verb ends a firm's name in a list of projects
    ("嘉禾食品、融达包装等6个项目建成投产。", {("嘉禾食品", O), ("融达包装", O)}),
    # a plenum names itself, whatever follows; a preposition or 指 opens no name
    ("党的十九届六中全会全面总结了百年奋斗经验。", {("党的十九届六中全会", E)}),
    ("按照县委十五届三次全会暨县委经济工作会议部署推进。", {("县委十五届三次全会暨县委经济工作会议", E)}),
    ("中央政治局会议：指中共中央政治局会议。", {("中共中央政治局会议", E)}),
    # …but named campaigns in such a list are programmes
    ("开展清河行动、清四乱等专项行动。", {("清河行动", P), ("清四乱", P)}),
    ("开展深入贯彻中央八项规定精神学习教育。", {("深入贯彻中央八项规定精神学习教育", P)}),
    # a character jieba left alone between parts of a place name
    ("推进东城铺大枣文旅小镇、龙泉关古镇等项目招商，雄忻高铁开工建设。",
     {("东城铺大枣文旅小镇", PL), ("龙泉关古镇", PL), ("雄忻高铁", PL)}),
    # ring roads and roads extended in a direction
    ("西三环北延全线通车，启动会展西街南延建设。", {("西三环北延", PL), ("会展西街南延", PL)}),
    # the reform of a named company is named after the company, which stays a body
    ("完成华远公司混合所有制改革。", {("华远公司", O), ("混合所有制改革", P)}),
    # a member of a typed list may end in a word jieba tags as a verb (…云缴费)
    ("中移动金融科技、光大云缴费、云粒智慧等15家机构落户。", {("光大云缴费", O), ("云粒智慧", O)}),
    # a management system jieba knows as a word heads a programme; a ministry's system keeps the ministry
    ("完善现代企业管理制度，落实生态环境部最严格排污管理制度。",
     {("现代企业管理制度", P), ("生态环境部", O), ("最严格排污管理制度", P)}),
    # the sessions of the congress and the conference
    ("高标准做好全国“两会”安保工作。", {("“两会”", E)}),
    ("组织企业参加“广交会”“廊洽会”等展会。", {("“广交会”", E), ("“廊洽会”", E)}),
    # a set phrase ending in a verb opens a list, it is no part of its first member
    ("发展壮大东利机械、华威汽配等骨干企业。", {("东利机械", O), ("华威汽配", O)}),
    ("第三中学、第三小学落成招生。", {("第三中学", O), ("第三小学", O)}),
    # genre phrases jieba splits (宜居宜业, 和美乡村); a state word opens no name (紧盯|…)
    ("2个宜居宜业和美乡村示范区启动建设。", {("宜居宜业和美乡村示范区", P)}),
    # a person named by his home town (…故里), even one the tagger does not know (a family name starts it)
    ("打造王羲之故里文化品牌。", {("王羲之", PE)}),
    ("建设吕才故里文化公园。", {("吕才", PE)}),
    # a supermarket chain named by its brand
    ("农产品上线京东超市。", {("京东超市", O)}),
    # a head noun jieba split in two decides the class (救援|站), care homes are institutions
    ("长江北路消防救援站投入使用，和顺老年公寓通过评定。", {("长江北路消防救援站", O), ("和顺老年公寓", O)}),
    # the issuer's own institution named relative to its level (县|妇幼保健院)
    ("完成县妇幼保健院新院区改造。", {("县妇幼保健院", O)}),
    # a body that quotes its remit after its parent is one body
    ("成为国务院“双碳”工作领导小组的调研点。", {("国务院“双碳”工作领导小组", O)}),
    # a function character that opens a word stays (经|济 is not 了|区)
    ("扶持经济强镇，支持长安经济开发区。", {("长安经济开发区", PL)}),
    # the issuer's level fused with the head by jieba (区|法院 as one word)
    ("区法院审结各类案件。", {("区法院", O)}),
    # people's organisations, national or of the issuer's level
    ("全国工商联开展评价。发挥区总工会、区妇联、区残联作用，发挥好工商联作用。",
     {("全国工商联", O), ("区总工会", O), ("区妇联", O), ("区残联", O)}),
    # a visitor centre is a facility of its site: the site is the place, the centre no body
    ("年内完成仙人山景区游客中心建设。", {("仙人山景区", PL)}),
    # a programme shared by two areas joined by 与
    ("通州区与廊坊北三县一体化高质量发展示范区建设提速。", {("通州区与廊坊北三县一体化高质量发展示范区", P)}),
    # a national programme named after a city is the nation's, and the city is an area of its own
    ("全堂八角鼓获北京市国家艺术基金支持。", {("北京市", A), ("国家艺术基金", P)}),
    # a programme's own verb right before its head (…全域推进试点)
    ("创建市级农村人居环境整治全域推进试点镇4个。", {("市级农村人居环境整治全域推进试点", P)}),
    # the level a programme runs at is in its name, after a count too
    ("2个县级宜居宜业和美乡村示范区启动建设。", {("县级宜居宜业和美乡村示范区", P)}),
    # a street named by one common word before 大街 or 大道
    ("年底前完成双庙大街建设。", {("双庙大街", PL)}),
    # villages named right after their township, without 村
    ("完成银坊镇马庄、刘庄安置房建设，王安镇北段庄村建成示范村。", {("马庄", PL), ("刘庄", PL), ("北段庄村", PL)}),
    # a conjunction after a name with its own head joins two names (…生态城和…示范区)
    ("推进中新天津生态城和曹妃甸协同发展示范区建设。", {("中新天津生态城", PL), ("曹妃甸协同发展示范区", P)}),
    # works named by deeds (引黄|入冀补淀|工程); a mountain named inside a park's name
    ("开工建设引黄入冀补淀工程，完成鸡冠山森林公园提升改造。", {("引黄入冀补淀工程", P), ("鸡冠山森林公园", PL)}),
    # branches of banks; the issuer's own library or flats, named relative to its level
    ("中国人民银行涞源县支行、邮储银行涞源支行支持建成县图书馆、县人才公寓。",
     {("中国人民银行涞源县支行", O), ("邮储银行涞源支行", O), ("县图书馆", PL), ("县人才公寓", PL)}),
    # 战略 before 合作 qualifies the cooperation; the partner before it is a firm
    ("与中国联通、中国电信签订战略合作协议。", {("中国电信", O)}),
    # 优化 opens the names of meetings and programmes about the business climate
    ("召开全县优化营商环境大会，深入实施优化营商环境三年行动。",
     {("全县优化营商环境大会", E), ("优化营商环境三年行动", P)}),
    # the round of a nationwide survey names it
    ("圆满完成第七次全国人口普查，开展第五次全国经济普查。", {("第七次全国人口普查", P), ("第五次全国经济普查", P)}),
    # a river listed after another, whose name jieba ends with a verb; a site's rank inside its name;
    # a village, not the title it earns
    ("完成大清河、白沟引河综合治理，保护衡水湖国家级自然保护区，建设南屯村美丽乡村示范村。",
     {("白沟引河", PL), ("衡水湖国家级自然保护区", PL), ("南屯村", PL)}),
    # a national park with its own name is a place, a national designation without one is not
    ("建设塞罕坝国家森林公园。", {("塞罕坝国家森林公园", PL)}),
    # a second verb or its complement is no part of an unquoted title; two titles joined by 和
    ("制定实施全域旅游发展规划，落实好民营经济促进法和省民营经济促进条例。",
     {("全域旅游发展规划", D), ("民营经济促进法", D), ("省民营经济促进条例", D)}),
    # a phase fused with the head by jieba (二期工程); a railway named by its two ends
    ("实施南水北调东线二期工程，建成锡林浩特至乌兰浩特铁路。",
     {("南水北调东线二期工程", P), ("锡林浩特至乌兰浩特铁路", PL)}),
    # the discipline commission with its supervisory commission; a squadron named after its place
    ("县纪委监委立案审查，武警涞源中队积极参与。", {("县纪委监委", O), ("武警涞源中队", O)}),
    # committees (…委员会), and a party committee without its term
    ("成立县委科技委员会，县卫生健康委员会加强监管。中国共产党涞源县委员会第十五届委员会第六次全体会议召开。",
     {("县委科技委员会", O), ("县卫生健康委员会", O), ("中国共产党涞源县委员会", O)}),
    # research and promotion societies
    ("成立涞源县红色文化研究会、县民营经济促进会。", {("涞源县红色文化研究会", O), ("县民营经济促进会", O)}),
    # pagodas, gorges and caves are places
    ("修缮兴文塔，打造十瀑峡景观，保护颛顼龙洞。", {("兴文塔", PL), ("十瀑峡", PL), ("颛顼龙洞", PL)}),
    # a cooperation zone is a place
    ("建设横琴粤澳深度合作区，共建冀津循环经济产业合作区。", {("横琴粤澳深度合作区", PL), ("冀津循环经济产业合作区", PL)}),
    # 都 after a word is a capital inside a place's name; a college's branch campus is a body
    ("保护元上都遗址，加快鲤都印象园建设，建成锡林郭勒职业学院正蓝旗分院。",
     {("元上都遗址", PL), ("鲤都印象园", PL), ("锡林郭勒职业学院正蓝旗分院", O)}),
    # a highway's section, connecting line and service area
    ("完成保阜高速阜平段建设，新建京雄高速涞源连接线，建成龙泉关服务区。",
     {("保阜高速阜平段", PL), ("京雄高速涞源连接线", PL), ("龙泉关服务区", PL)}),
    # an intercity line with its section, and parks of innovation and creative industries
    ("京滨城际南段顺利推进，正迪欢乐世界文化创意园开业。", {("京滨城际南段", PL), ("正迪欢乐世界文化创意园", PL)}),
    # games named after their host city are one event
    ("北京冬奥会圆满落幕，承德市第十二届运动会成功举办。", {("北京冬奥会", E)}),
    # nights, fairs and shopping seasons are events
    ("“海河之夜”焕新靓丽，举办新春庙会，开展海河国际消费季活动。",
     {("“海河之夜”", E), ("新春庙会", E), ("海河国际消费季", E)}),
    # an on-site review meeting, a marathon race, and a session of the political consultative conference
    ("成功举办全国乡村振兴现场观摩会、首届中国·涞源国际山地马拉松赛，县政协十一届一次会议胜利召开。",
     {("全国乡村振兴现场观摩会", E), ("首届中国·涞源国际山地马拉松赛", E), ("县政协十一届一次会议", E)}),
    # a contest of the games, and a cup named in single quotes, are events
    ("圆满承办省运会皮划艇激流回旋赛，荣获“工信部‘绽放杯’5G应用大赛优秀奖”。",
     {("省运会皮划艇激流回旋赛", E), ("‘绽放杯’5G应用大赛", E)}),
    # a cooperative or a studio named after a person; a firm with its region in brackets
    ("以宏泽食品和李素环瓜果蔬菜专业合作社为依托，发挥杜立芝党代表工作室作用，与北供保障（北京）供应链管理有限公司合作。",
     {("李素环瓜果蔬菜专业合作社", O), ("杜立芝党代表工作室", O), ("北供保障（北京）供应链管理有限公司", O)}),
    # firms that grow, listed: one with a trade word shows the others are firms too
    ("华海清科、安擎信息、合源生物等快速成长，诺和诺德制药等加快建设。",
     {("华海清科", O), ("安擎信息", O), ("合源生物", O)}),
    # a programme's own verb before its head (…提升|战略, …建设|试点), a kind in 型, and 新时代
    ("自贸试验区提升战略顺利实施，紧密型医共体建设试点县达标，创建新时代文明实践中心建设试点县。",
     {("自贸试验区提升战略", P), ("紧密型医共体建设试点", P), ("新时代文明实践中心建设试点", P)}),
    # a firm's headquarters names the firm; a listed member keeps the class its own head gives it
    ("中资信创总部、国家管网科学试验基地等央企资源落地，乌拉哈达水利枢纽等一批重大工程加快建设。",
     {("中资信创", O), ("国家管网科学试验基地", PL), ("乌拉哈达水利枢纽", PL)}),
    # the superlative of a system is in its name; a dash joins the partners of a joint park
    ("落实最严格的耕地保护制度，推动天津滨海—中关村科技园发展。",
     {("最严格的耕地保护制度", P), ("天津滨海—中关村科技园", PL)}),
    # a set phrase that ends in a noun opens a name (未成年人|保护中心); a party congress before 等
    ("成立全市首个未成年人保护中心，圆满完成党的二十大等重要节点安保任务。",
     {("未成年人保护中心", O), ("党的二十大", E)}),
    # documents named without 《》: a policy of N articles, measures, a regulation passed
    ("出台稳增长26条，制定“转企升规”6条支持政策。审议通过民营经济促进条例，联合制定促进区域科技成果转化若干措施。",
     {("稳增长26条", D), ("“转企升规”6条支持政策", D), ("民营经济促进条例", D), ("促进区域科技成果转化若干措施", D)}),
    # numbered lines and roads, a railway's second line and a river's numbered bridge
    ("地铁4号线北段、Z4线一期北段建成通车，S465改扩建、G227提档升级等重点交通工程加快推进。",
     {("地铁4号线北段", PL), ("Z4线一期北段", PL), ("S465", PL), ("G227", PL)}),
    ("成昆铁路复线通车，安宁河一桥建成，省道242大修完成，国道207线改造完成。",
     {("成昆铁路复线", PL), ("安宁河一桥", PL), ("省道242", PL), ("国道207线", PL)}),
    # heads of city districts, campuses and meetings (…商务区, …科技城, …院区, …现场会)
    ("南站科技商务区、宝坻京津中关村科技城建设提速，市口腔医院梅江院区投用，承办全省未成年人保护机构创新转型现场会。",
     {("南站科技商务区", PL), ("宝坻京津中关村科技城", PL), ("市口腔医院梅江院区", O), ("全省未成年人保护机构创新转型现场会", E)}),
    # an event's reach belongs to its name (国际…博览会, 夏季…论坛)
    ("国际矿业大会、国际直升机博览会带动会展经济，接续拓展夏季达沃斯论坛成果。",
     {("国际矿业大会", E), ("国际直升机博览会", E), ("夏季达沃斯论坛", E)}),
    # a coined name that opens with a verb's character (保|清, 兴|苑) still names a firm or a place
    ("保清石油已探明储量，始建于70年代的兴苑市场改造完成，发挥立中研究院作用。", {("保清石油", O), ("兴苑市场", PL), ("立中研究院", O)}),
    # a village named before its kind (…城中村, …城市社区), and the others listed before it
    ("力争大堤口、中冉城中村改造。成立卓苑、协作城市社区。", {("大堤口", PL), ("中冉", PL), ("卓苑", PL), ("协作", PL)}),
    # a high-tech zone is a development zone (a place), not a new area
    # a compass point opens a firm's or a quarter's name (东方|塑业, 城北|社区); firms named by their trade
    ("力促东方塑业、青蝎线缆等项目启动建设。城北社区创成示范社区。", {("东方塑业", O), ("青蝎线缆", O), ("城北社区", PL)}),
    ("发挥长城精工、英虎机械等链主优势，发挥中联水泥、顺安远大龙头带动作用，做好维尔机电上市准备工作。",
     {("长城精工", O), ("英虎机械", O), ("中联水泥", O), ("维尔机电", O)}),
    # a new area's stem standing alone before 的
    ("积极融入雄安新区建设。构建服务雄安的绿色建材供应体系。", {("雄安新区", A), ("雄安", A)}),
    # a quoted way of serving people is a programme, whatever verb comes before it
    ("128项审批事项实现“最多跑一次”，100项高频事项实现“一窗通办”。",
     {("“最多跑一次”", P), ("“一窗通办”", P)}),
    # parking lots and landscape belts are places; a quoted policy of N articles, however short its name
    ("建成仙洲路彩色停车场，启动环城水系景观带建设。落实人才“双十条”。",
     {("仙洲路彩色停车场", PL), ("环城水系景观带", PL), ("“双十条”", D)}),
    # ancient towns, grottoes, academies, tunnels, bridges, port areas, ports of entry, bonded zones
    ("丽江古城、龙门石窟、岳麓书院游客增长，钱江隧道、龙潭长江大桥建成，南沙港区、珠海公路口岸、兰州新区综合保税区扩容。",
     {("丽江古城", PL), ("龙门石窟", PL), ("岳麓书院", PL), ("钱江隧道", PL), ("龙潭长江大桥", PL), ("南沙港区", PL),
      ("珠海公路口岸", PL), ("兰州新区综合保税区", PL)}),
    # development zones and stations jieba knows as words (技术开发区, 东站); the great rivers it knows
    ("宁乡经济技术开发区产值突破千亿元，南阳东站、邓州东站建成投用，完成黄河干流岸线整治，落实长江十年禁渔。",
     {("宁乡经济技术开发区", PL), ("南阳东站", PL), ("邓州东站", PL), ("黄河", PL), ("长江", PL)}),
    # villages listed before the count of villages (…等8个村庄)
    ("全年实施大陈、上塘、下庄、石门村等8个村庄人居环境整治提升。",
     {("大陈", PL), ("上塘", PL), ("下庄", PL), ("石门村", PL)}),
    # a village or scenic area written after its county is named without it
    ("乐业县百坭村集体经济收入突破60万元，阳朔县遇龙河景区完成提质改造。",
     {("乐业县", A), ("百坭村", PL), ("阳朔县", A), ("遇龙河景区", PL)}),
    # a prefecture-level city of another province known by one short name
    ("第七届中国—南亚博览会在昆明成功举办，新开通至北京、上海、成都等12条航线。",
     {("昆明", A), ("北京", A), ("上海", A), ("成都", A)}),
    # a person named by 同志 even where the tagger does not know the name, and the spirit of a person
    ("大力弘扬焦裕禄精神，传承弘扬黄文秀同志扶贫精神，学习毛相林同志，弘扬杨善洲精神。",
     {("焦裕禄", PE), ("黄文秀", PE), ("毛相林", PE), ("杨善洲", PE)}),
    # two bodies joined by 和 where jieba fused 和 with the level (中心|和县|…局); a department of two
    # fields after its level; disease control centres and a university's campus
    ("挂牌成立县融媒体中心和县综合行政执法局，市生态环境局会同市自然资源和规划局完成修复。",
     {("县融媒体中心", O), ("县综合行政执法局", O), ("市生态环境局", O), ("市自然资源和规划局", O)}),
    ("县疾病预防控制中心完成标准化建设，中山大学深圳校区新增招生规模3000人。",
     {("县疾病预防控制中心", O), ("中山大学深圳校区", O)}),
    # battles for clean air and water, the special struggle; a title a city earns starts after the verb of earning
    ("坚决打好蓝天保卫战、碧水保卫战，扫黑除恶专项斗争常态化开展，登封市入选国家全域旅游示范区。",
     {("蓝天保卫战", P), ("碧水保卫战", P), ("扫黑除恶专项斗争", P), ("登封市", A), ("国家全域旅游示范区", P)}),
    # a quoted policy of N articles in Arabic digits; quotes that share the head counted after them
    ("认真落实“民营经济31条”。深入实施“粤菜师傅”“广东技工”“南粤家政”三项工程。",
     {("“民营经济31条”", D), ("“粤菜师傅”", P), ("“广东技工”", P), ("“南粤家政”", P)}),
    # an event's reach and the deed it is named for stay in its name, and so does the edition of its short form
    ("借助第二十届中国西部国际博览会平台签约项目。第六届数字中国建设峰会在福州成功举办。",
     {("第二十届中国西部国际博览会", E), ("第六届数字中国建设峰会", E), ("福州", A)}),
    ("组织312家企业参加第133届广交会，服务保障杭州第19届亚运会。", {("第133届广交会", E), ("杭州第19届亚运会", E)}),
    # festivals of ice and snow; a product's character jieba left alone inside a festival's name
    ("第40届中国·哈尔滨国际冰雪节吸引游客。成功举办第五届平乐柿子节和第八届荔浦芋文化节。",
     {("第40届中国·哈尔滨国际冰雪节", E), ("第五届平乐柿子节", E), ("第八届荔浦芋文化节", E)}),
    # a verb that opens an object phrase ends an event's name
    ("组织586家采购商参加第六届中国国际进口博览会。", {("第六届中国国际进口博览会", E)}),
    # sections of a numbered national road, a river and a railway, named by the area or the two ends
    ("实施G234国道顺平段沿线环境综合整治，松花江哈尔滨段沿江生态景观带贯通，兰新高铁兰州至西宁段提速运行。",
     {("G234国道顺平段", PL), ("松花江哈尔滨段", PL), ("兰新高铁兰州至西宁段", PL)}),
    # a verb and its complement (喝上) open no river's name
    ("86万群众喝上洮河水。", {("洮河", PL)}),
    # tourist areas, bays, revolutionary sites, cemeteries, deserts; zones of a city jieba takes for a noun (合肥 'n')
    ("恩格贝生态旅游区、三亚湾、杨家岭革命旧址、红军山烈士陵园、库布其沙漠游客增长，支持合肥经开区发展。",
     {("恩格贝生态旅游区", PL), ("三亚湾", PL), ("杨家岭革命旧址", PL), ("红军山烈士陵园", PL), ("库布其沙漠", PL),
      ("合肥经开区", PL)}),
    # a single character that opens a place's name after a list mark (御|窑厂)
    ("陶溪川文创街区、御窑厂国家考古遗址公园入选消费集聚区。", {("陶溪川文创街区", PL), ("御窑厂国家考古遗址公园", PL)}),
    # a brand jieba knows before its trade names the firm, whatever follows; a firm's product follows its trade
    ("伊利集团、蒙牛乳业营业收入合计突破2000亿元。潍柴动力大缸径发动机等项目竣工投产。",
     {("伊利集团", O), ("蒙牛乳业", O), ("潍柴动力", O)}),
    # rescue teams; systems of chiefs written one after another; an event named after its site, after its edition
    ("县蓝天救援队发挥重要作用。全面推行河长制湖长制。第二十二届查干湖冰雪渔猎文化旅游节吸引游客。成功举办第40届潍坊国际风筝会。",
     {("县蓝天救援队", O), ("河长制", P), ("湖长制", P), ("第二十二届查干湖冰雪渔猎文化旅游节", E), ("第40届潍坊国际风筝会", E)}),
    # a platform named by a quote, a few words before its head
    ("建立“北京人家”旅游合作体平台，建成国家超算“超智存”算力融合平台。",
     {("“北京人家”旅游合作体平台", P), ("“超智存”算力融合平台", P)}),
    # works on a road named with its section are one programme; a river's basin; a place inside a place's name
    ("完成省道242高唐段大修工程，京港澳高速新乡段改扩建工程完工通车。",
     {("省道242高唐段大修工程", P), ("京港澳高速新乡段改扩建工程", P)}),
    ("加强安宁河流域保护，建成徒骇河右岸公路，完成后海绿道建设，谋划南部新城。",
     {("安宁河流域", PL), ("徒骇河右岸公路", PL), ("后海绿道", PL), ("南部新城", PL)}),
    # a firm's project by its line or phase
    ("空客二线、启源芯动力等投产增效。", {("空客", O), ("启源芯动力", O)}),
    # a strategy of strength joined to another programme by 和; a task force named by its whole task
    ("深入实施质量强县和标准化战略，设立优化营商环境提升政务效能办公室。",
     {("质量强县", P), ("标准化战略", P), ("优化营商环境提升政务效能办公室", O)}),
    # a contest named by the building of a kind of site
    ("举办全省经济开发区建设主题擂台赛。", {("全省经济开发区建设主题擂台赛", E)}),
    # people listed before 同志, and people who open a clause with an honour
    ("刘长河、陈玉兰两位同志荣获全国优秀共产党员称号。王秀英获评全国三八红旗手，张建国入选中国好人榜。",
     {("刘长河", PE), ("陈玉兰", PE), ("王秀英", PE), ("张建国", PE)}),
    # the years a plan covers are in its title; a listed member keeps the quote that opens its name
    ("编制实施乡村振兴战略规划（2018—2022年）。举办“村BA”篮球赛、“村超”足球赛等群众性体育赛事。",
     {("乡村振兴战略规划（2018—2022年）", D), ("“村BA”篮球赛", E), ("“村超”足球赛", E)}),
    # a highway's connecting line; a market named by a compass point, as a word jieba knows (城北|农贸市场)
    ("启动太行山高速连接线建设，改造提升城北农贸市场和红星农贸市场。",
     {("太行山高速连接线", PL), ("城北农贸市场", PL), ("红星农贸市场", PL)}),
    # zones and new towns a single common noun names; an unknown word right before a place's head; a place inside a park's name
    ("稀土高新区新入驻企业46家，落户软件新城的企业突破600家，达道湾工业园新增规上企业18家。拉林铁路开通运营。",
     {("稀土高新区", PL), ("软件新城", PL), ("达道湾工业园", PL), ("拉林铁路", PL)}),
    # 联合 joins two bodies, it names neither; a commission of the issuer's level named by its field (区|商务|委)
    ("区农业农村局联合华南农业大学建成示范基地。区商务委组织区内企业与西门子、强生等跨国公司签约。",
     {("区农业农村局", O), ("华南农业大学", O), ("区商务委", O), ("西门子", O), ("强生", O)}),
    # a session of a recurring event after its name; grand prix and racing circuits
    ("服务保障博鳌亚洲论坛2024年年会圆满举办。F1中国大奖赛重返上海国际赛车场。",
     {("博鳌亚洲论坛2024年年会", E), ("F1中国大奖赛", E), ("上海国际赛车场", PL)}),
    # a province or state of another country after it; a lake after its district is named without it
    ("与越南谅山省签署合作备忘录，与俄罗斯阿穆尔州开展合作。贾汪区潘安湖生态修复经验入选全国典型案例。",
     {("越南", A), ("谅山省", A), ("俄罗斯", A), ("阿穆尔州", A), ("贾汪区", A), ("潘安湖", PL)}),
    # a site after its county and township is named without them; exhibition centres are places
    ("余杭区良渚街道良渚古城遗址公园游客增长，安吉县余村入选最佳旅游乡村，汉江国际会展中心建成。",
     {("余杭区", A), ("良渚街道", A), ("良渚古城遗址公园", PL), ("安吉县", A), ("余村", PL), ("汉江国际会展中心", PL)}),
    ("选派干部赴杭州高新区学习，与成都市高新区开展合作。", {("杭州高新区", PL), ("成都市高新区", PL)}),
]


@pytest.mark.parametrize(("sentence", "expected"), FOUND)
def test_mentions_found(make_doc, sentence: str, expected: set[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(sentence, upto="mentions")
    found = mention_set(doc)
    assert expected <= found, f"missing {expected - found}; found {sorted(found)}"


# sentence → surfaces that must NOT be mentions
NOT_FOUND = [
    ("增强“四个意识”、坚定“四个自信”、做到“两个维护”。", {"“四个意识”", "“四个自信”", "“两个维护”"}),
    ("全面建设社会主义现代化国家，中国经济长期向好。", {"中国"}),
    ("城区道路和矿区环境明显改善。", {"城区", "矿区"}),
    ("以优异成绩庆祝新中国成立70周年。", {"以优异成绩庆祝新中国成立70周年", "庆祝新中国成立70周年"}),
    ("天津中等职业学校、河北学院等院校参加。", {"天津中"}),
    ("建设“X”和“Y”等活动。", {"“X”等活动", "“Y”等活动"}),
    ("为264名孤困儿童发放补助资金449万元。", {"264名孤困儿童发放补助资金", "孤困儿童发放补助资金"}),
    ("形成新格局，顾全大局，繁荣市中心。", {"新格局", "格局", "大局", "市中心", "中心"}),
    ("打造金融中心和数据中心。", {"金融中心", "数据中心"}),
    ("组建教育集团4个，24家养老照料中心投入使用。", {"教育集团", "养老照料中心", "24家养老照料中心"}),
    ("实施“十四五”规划，认真落实整改环保督察组反馈意见。", {"“十四五”规划", "十四五规划", "整改环保督察组反馈意见"}),
    ("坚持以习近平新时代中国特色社会主义思想为指导。", {"习近平"}),
    # quoted slogans, metaphors, qualifiers of another noun, award titles, strategic positioning
    ("深入开展“提境界、强担当、抓落实、创一流”活动。", {"“提境界、强担当、抓落实、创一流”"}),
    ("加快转化为高质量发展的“最大增量”。", {"“最大增量”"}),
    ("落实“双控”“四降”要求，加力实施“两重”“两新”政策。", {"“双控”", "“四降”", "“两重”", "“两新”"}),
    ("高唐模式获评“山东省法治政府建设示范项目”。", {"“山东省法治政府建设示范项目”"}),
    ("经验在全省推广、获评“擂台赛优胜单位”。", {"“擂台赛优胜单位”", "擂台赛优胜单位"}),
    ("牢牢把握首都城市战略定位。", {"首都城市战略", "城市战略"}),
    ("明确“一主导两重点三培育”产业布局。", {"“一主导两重点三培育”", "一主导两重点三培育"}),
    ("河北文创特色品牌与健康产业。", {"河北文创", "健康河北"}),
    ("支持国有、民营、外资、小微等企业发展。", {"国有", "民营", "外资", "小微"}),
    ("4个社区获评省级绿色社区。", {"4个社区", "社区"}),
    ("今年恰逢成立30周年。", {"恰逢成立30周年", "成立30周年"}),
    ("我们坚持以人民为中心的发展思想。", {"人民为中心", "以人民为中心"}),
    # a list of projects with no sign of a firm names no firm; 开工 is said of scenic projects too
    # (林上青溪 is found as a place by its head, 溪)
    ("加快推进林上青溪、古北岳等项目开工。", {"古北岳"}),
    ("青山绿水、东山湖等项目签约落地。", {"青山绿水", "东山湖"}),
    ("北京鲜厨、生态立体开发田园综合体等项目签约落地。", {"田园综合体", "生态立体开发田园综合体"}),
    # 中国 + a common word is no firm; 会 of bodies, plenums, common words and the modal verb
    ("中国特色、中国制造和中国经验。", {"中国特色", "中国制造", "中国经验"}),
    ("成立协会和商会，把握机会，公园会更美，社会更和谐。", {"协会", "商会", "机会", "公园会", "园会", "社会"}),
    ("居民委员会和管委会召开会议，红十字会等各项工作取得新成效。", {"居民委员会", "委员会", "管委会", "红十字会"}),
    # no siblings of a place that is only the start of a longer phrase (黄河|故道), nor of common words
    ("深化小麦全产业链、农产品深加工、黄河故道高效农业，建成公园、广场、绿道。",
     {"农产品深加工", "小麦全产业链", "公园", "广场"}),
    # an area inside the title of a book or play is part of the title; a city's role is no body
    ("创演话剧《北京人家之武学宗师》，编纂《阜平年鉴》，建设保定市西部中心城市。",
     {"北京", "阜平", "保定市西部中心", "西部中心"}),
    # kinds of bodies after a common noun are no names
    ("推动外资证券公司落地，与地区型国际金融中心签订协议。", {"外资证券公司", "国际金融中心", "金融中心"}),
    # counted things are kinds; a verb after an area ends a name's reach (邯郸|建设|…枢纽)
    ("12处敬老院整合为3处，支持邯郸建设生产服务型国家物流枢纽。",
     {"12处敬老院", "敬老院", "邯郸建设生产服务型国家物流枢纽"}),
    # a trade word inside a common word, a pair of kinds, levels of a structure
    ("高科技等领域，统筹河湖治理，健全“区-街-社区”一体化公共卫生体系。", {"高科技", "河湖", "“区-街-社区”", "区-街-社区"}),
    # a two-character word jieba takes for a given name is no person without a title
    ("营造喜庆祥和氛围。", {"祥和"}),
    # a verb and its object that jieba leaves unknown (进淀)
    ("保障了“不让一滴污水进淀”，有水河流入淀断面水质达标。", {"污水进淀", "进淀", "河流入淀", "入淀"}),
    # a verb and its object that ends like a head (开园), common words that end like one (干部, 全部)
    ("椿树小镇开园营业，干部全部到岗，中西部地区。", {"小镇开园", "椿树小镇开园", "开园", "干部", "全部", "中西部"}),
    # the kind of recipient that ends an award's title is no entity; the body that gives it stays
    ("3个村获评“全国乡村治理示范村”，1家企业荣获“省级专精特新示范企业”。", {"全国乡村治理示范村", "乡村治理示范村", "专精特新示范企业"}),
    # counted kinds, with a level between count and kind, or a count inside the name
    ("建成2个省级现代农业产业园、5个市级数字乡村示范村，覆盖南水北调受水区86个村。",
     {"现代农业产业园", "数字乡村示范村", "村示范村", "南水北调受水区86个村"}),
    # set phrases of four characters that end like a place
    ("守护绿水青山，孕育金山银山。", {"绿水青山", "金山银山"}),
    # a preposition ends the reach of the verb that opens a programme (以推进…为战略牵引)
    ("以推进长三角一体化发展为战略牵引。", {"长三角一体化发展为战略", "一体化发展为战略"}),
    # a verb before a proper name acts on the thing the name belongs to
    ("协同做好滨江临港合作示范区建设。", {"协同做好滨江临港合作示范区", "做好滨江临港合作示范区"}),
    # jieba's body names that are a counted kind or the tail of a longer common word (群|团组织)
    ("新增上市公司3家，支持群团组织发挥作用。", {"上市公司", "团组织"}),
    # a trade word before another head qualifies it (…科技|商务区)
    ("推进东站科技商务区建设。", {"东站科技"}),
    # a partner list does not run over a verb (与…力量|加强|…合作)
    ("推动企业与高校科研力量加强产学研合作。", {"高校科研力量加强产学研"}),
    # an evaluative adjective is no name (先进|园区)
    ("对标先进园区，学习先进经验。", {"先进园区"}),
    # the report's own verbs before a study campaign are no part of its name
    ("持续巩固党纪学习教育成果。", {"持续巩固党纪学习教育", "巩固党纪学习教育"}),
    # a measure word jieba joined to what is counted, a generic verb before a kind
    ("对接首都等5所名院，提升学校教学质量。", {"所名院", "提升学校"}),
    # the category that closes a list is no name; nor is a list of what places do
    ("壮大东湖新区、西港新区等重点承接平台，建设甲村、乙村等特色宜居片区。", {"重点承接平台", "承接平台", "特色宜居片区"}),
    ("分类推进枢纽带动、产城融合、生态宜居等区域更新。", {"枢纽带动", "产城融合", "生态宜居"}),
    # two bodies joined by 和 stay two (市政府|和|区委), and a body of another place is not joined
    ("在市委、市政府和区委的领导下，在上级党委、政府和安国市委的领导下。", {"市政府和区委", "政府和区委", "政府和安国市委"}),
    # …but a place head that far after a quote is no part of its name
    ("推进“118项目”全面盘活带动周边片区发展。", {"“118项目”全面盘活带动周边片区"}),
    # a glossed quote that qualifies a requirement is no programme (落实“…”〔3〕要求)
    ("严格落实“五个不变”〔3〕要求。", {"“五个不变”", "五个不变"}),
    # an award's title without quotes names a kind too
    ("人民公园获评省三星级公园。", {"省三星级公园", "三星级公园"}),
    # a position word opens no name; a system that qualifies 创新 is no programme of its own
    ("建设高铁站南侧迎宾南路，自贸试验区制度创新指数排名第三。", {"南侧迎宾南路", "自贸试验区制度"}),
    # common words jieba tags as place names make no name of a kind (城市|绿道, 房地产|市场)
    ("促进房地产市场平稳健康发展，新增城市绿道200公里，建设城市广场。", {"房地产市场", "城市绿道", "城市广场"}),
    ("打造蔬菜区域公用品牌，荣获国家农村产业融合发展示范园。", {"荣获国家农村产业融合发展示范园", "国家农村产业融合发展示范园"}),
    # what a campaign or works deals with is no programme (背街小巷、道路环境等专项整治行动)
    ("深入开展市容市貌、背街小巷、道路环境等专项整治行动，跑道、田径场等附属工程完工。",
     {"背街小巷", "道路环境", "市容市貌", "跑道", "田径场"}),
    # a count of programmes names none of them
    ("省定20项民生工程全部完成，完成17条道路大中修和5项疏堵工程。", {"省定20项民生工程", "20项民生工程", "道路大中修和5项疏堵工程"}),
    ("改善生态环境，推进东环保产业园建设。", {"东环", "东环保"}),
    ("推动安阳、白云撤乡建镇。", {"白云撤乡", "安阳"}),
    # a national or regional centre is a designation or a role, not a body
    ("建设国家区域医疗中心，打造区域新型消费中心。", {"国家区域医疗中心", "区域新型消费中心"}),
    ("准确把握市委的决策部署。", {"把握市委"}),
    # a kind of school named by a common word is no school (but 第三小学 is)
    ("农村小学营养改善计划全覆盖，创建绿色学校。", {"农村小学", "绿色学校"}),
    ("紧盯重大工程，加快项目建设。", {"紧盯重大工程"}),
    # verbs and adverbs jieba tags as nouns or places (着力, 盘活, 上门) open no name
    ("着力稳定房地产市场，盘活木材市场，开展上门招商。", {"着力稳定房地产市场", "盘活木材市场", "上门"}),
    # a parallel phrase beside a place is no list of places
    ("围绕“畅其路、美其颜、强其能、安其居”总要求推进城市建设。", {"畅其路", "美其颜", "强其能", "安其居"}),
    ("坚持产业兴县、制造业强县。", {"兴县"}),
    # an adjective and a one-character kind make no name (高山|水果, 新村, 新路)
    ("提升高山水果品牌，建设美丽新村，走出发展新路。", {"高山", "新村", "新路"}),
    # a quoted standard or title is no name (…达到“…示范超市”标准), nor a supermarket named by its size
    ("规模以上商超达到“放心肉菜示范超市”标准，大型超市开业。", {"“放心肉菜示范超市”", "放心肉菜示范超市", "大型超市"}),
    # a reduplicated verb phrase is not part of the name after it
    ("做大做强临港经济开发区。", {"强临港经济开发区", "做强临港经济开发区"}),
    # a clause after a township names no village
    ("银坊镇通过农村改革增收。", {"通过农村"}),
    # a short form before a word jieba does not know opens a brand, not a mention of the area (nor a campaign)
    ("加快推进福润烘焙、北京央厨等重点项目，打造山东手造品牌，打造河北文创特色品牌。", {"北京", "山东", "河北", "打造河北"}),
    # a section of a road or pipeline named after an area is no mention of the area
    ("省道242涞源段大修完成。", {"涞源"}),
    # a verb with its complement and object, and a slogan of two verbs, are no names
    ("确保一年开好局，常态化开展洗城净街。", {"开好局", "洗城净街"}),
    # roads listed as sections are no section's name
    ("改造三官庙北大街等路段。", {"三官庙北大街等路段"}),
    # planned and built: 规划 as a verb names no plan
    ("抽水蓄能规划建设总规模全国第一。", {"蓄能规划", "抽水蓄能规划"}),
    # a title that schools earn is no school
    ("满城实验中学成功创建依法治校示范学校。", {"依法治校示范学校"}),
    # crimes and kinds of show listed before 活动 are no events
    ("严厉打击和处置非法集资、互联网金融犯罪等活动。组织惠民演出、书画展等各类文化活动。",
     {"非法集资", "互联网金融犯罪", "严厉打击", "书画展", "惠民演出"}),
    # markets of trades are no marketplaces
    ("推动海工装备、航运金融、海洋旅游等市场拓展。", {"海工装备", "航运金融", "海洋旅游"}),
    # a partner ends before 的: what follows describes the cooperation
    ("深化与天津市河西区的对口合作。", {"天津市河西区的对口", "河西区的对口"}),
    # a strategic cooperation names no strategy
    ("与中国电信签订战略合作协议。", {"中国电信签订战略", "签订战略"}),
    # a verb or its complement before a people's organisation is no part of it
    ("发挥工会作用，发挥好工商联、商会组织桥梁纽带作用。", {"发挥工会", "工会", "好工商联", "工商联"}),
    # kinds of committee, and committees under another body
    ("完成村民委员会换届选举，各专门委员会认真履职，发挥居委会下属公共卫生委员会作用。",
     {"村民委员会", "专门委员会", "居委会下属公共卫生委员会", "公共卫生委员会"}),
    # kinds of rural bank are no names
    ("农村信用社改制为农商银行。", {"农村信用社", "农商银行"}),
    # a visitor centre is no body
    ("县游客中心建设加快推进，仙人山景区游客中心开放。", {"县游客中心", "仙人山景区游客中心"}),
    # kinds of studio are no names
    ("建设名师工作室10个，新增家庭农场。", {"名师工作室", "家庭农场"}),
    # the reform of a kind of system names no programme (but a pilot of one does)
    ("顺利完成开发区人事薪酬制度改革，深化开发区管理制度改革。", {"开发区人事薪酬制度", "人事薪酬制度", "开发区管理制度", "开发区管理制度改革"}),
    # a national designation of a kind of site is no site
    ("支持建设生产服务型国家物流枢纽，入选国家水利风景区典型案例，强化国际航空货运枢纽建设。",
     {"生产服务型国家物流枢纽", "国家水利风景区", "国际航空货运枢纽"}),
    # a firm named by its trade is not named by what another firm does to it
    ("中国电子增资麒麟软件。", {"中国电子增资麒麟软件", "电子增资麒麟软件"}),
    # a verb that takes the programme as its object is not in its name
    ("市重点项目完成年度投资计划，高质量建设国家农业现代化示范区。",
     {"市重点项目完成年度投资计划", "高质量建设国家农业现代化示范区"}),
    # a dash between two mountains or lakes is a range, not one name
    ("推进太行山—燕山片区发展，连通官道新河—双海湖水系。", {"太行山—燕山", "官道新河—双海湖"}),
    # a summit or a mobile standard named by a letter and a number is no road
    ("参加G20峰会，推广5G应用，S465改扩建完成。", {"S465改扩建", "G20", "5G"}),
    # a hospital's new campus is no body of its own
    ("完成区人民医院新院区建设。", {"区人民医院新院区"}),
    # kinds of village are no names
    ("加快老旧城中村改造，对深度贫困村帮扶，经济强村数量增长。", {"老旧", "城中村", "深度", "深度贫困村", "经济强村"}),
    # a regional or national role is a designation, not a body
    ("全力服务金融街国家金融管理中心建设。", {"服务金融街国家金融管理中心", "金融街国家金融管理中心", "全力服务金融街国家金融管理中心"}),
    ("建设保南区域新型消费中心和中医区域医疗中心。", {"保南区域新型消费中心", "中医区域医疗中心"}),
    # kinds of body named by the genre's own words (农民合作社, 党组织领办合作社, 上市公司)
    ("推动党组织领办合作社，培育农民合作社示范社，新增上市公司2家。", {"党组织领办合作社", "农民合作社", "党组织", "上市公司"}),
    # an annual plan and a kind of firm are no names; 借力 opens a list, it names no association
    ("完成年度投资计划165%，借力协会、平台招商，对接专业公司。", {"年度投资计划", "借力协会", "专业公司"}),
    # an area's short name after a campaign's quality is part of the campaign's name
    ("上线健康河北APP，助力美丽河北建设。", {"河北"}),
    # a street named inside the title of a book is part of the title
    ("编辑出版《坊间珍闻—西长安街访谈录》。", {"西长安街"}),
    # a city named like a river (晋江) is no river; a kind of street; a plan listed beside villages
    ("创新发展“晋江经验”，培育特色消费街区，推进国土空间规划和122个村庄单元规划编制。",
     {"晋江", "特色消费街区", "消费街区", "国土空间规划"}),
    # a road named after a city (赤峰道, as 北京路) is no mention of the city
    ("启动建设赤峰道—中心花园等15个片区更新。", {"赤峰"}),
    # the spirit of a site is no person's (红旗渠/nr to the tagger)
    ("弘扬塞罕坝精神、红旗渠精神。", {"红旗渠", "塞罕坝"}),
    # a new campus is the school's project; kinds of hospital, alliance and centre; a common word for a bay
    ("区第三中学新校区建成招生，县中医院创建三级中医医院，建立专科联盟，打造美丽海湾，全市数据中心标准机架达到7万架。",
     {"区第三中学新校区", "中医医院", "专科联盟", "海湾", "数据中心"}),
    # the two committees of a village or community are a kind of body, quoted or not
    ("启动社区“两委”换届工作。", {"“两委”", "两委"}),
    # a kind of firm among partners; a title of firms after a quote and its glossary mark
    ("深化与科研机构、专业公司对接合作，支持企业申报国家级“专精特新”[9]小巨人企业。", {"专业公司", "“专精特新”"}),
    # works named only by what is done, and modes of running parks
    ("完成5所中小学新建、改扩建工程，采取托管、合作、区中园等模式。", {"改扩建工程", "区中园"}),
    # kinds of zone written bare
    ("支持经济开发区、高新区改革创新。", {"经济开发区", "高新区"}),
    # the firms inside the area are a kind, not a name
    ("区商务委组织区内企业与西门子等跨国公司签约。", {"区内企业"}),
    pytest.param("开展专项整治行动，推进重点项目建设。", {"专项整治行动", "重点项目"},
                 marks=bug("a bare head noun phrase with no proper part (专项整治行动) becomes a Program")),
]


@pytest.mark.parametrize(("sentence", "absent"), NOT_FOUND)
def test_mentions_not_found(make_doc, sentence: str, absent: set[str]) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(sentence, upto="mentions")
    surfaces = {text for text, _ in mention_set(doc)}
    assert not absent & surfaces


@pytest.mark.parametrize(
    ("sentence", "surface", "code"),
    [
        ("我县与门头沟区签订合作协议。", "门头沟区", "110109"),
        ("助力河北阜平实现脱贫。", "阜平", "130624"),
        ("支持白石山镇发展特色农业。", "白石山镇", "130630/白石山镇"),  # the issuer's own township
        ("与吉林长春朝阳区开展战略合作。", "朝阳区", "220104"),  # the parent written before it
        ("与韩国开展经贸交流。", "韩国", "ISO:KR"),
        ("我县经济稳步增长。", "我县", "130630"),
    ],
)
def test_mentions_areas_carry_their_code(make_doc, sentence: str, surface: str, code: str) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(sentence, upto="mentions")
    codes = {m.code for m in doc.mentions if m.text == surface and m.start >= doc.meta.header_end}
    assert codes == {code}


@pytest.mark.parametrize(
    ("issuer", "code"),
    [("北京市朝阳区", "110105"), ("吉林省长春市朝阳区", "220104"), ("天津市和平区", "120101"), ("辽宁省沈阳市和平区", "210102")],
)
def test_mentions_same_named_issuer_is_resolved_by_its_province(make_doc, issuer: str, code: str) -> None:  # type: ignore[no-untyped-def]
    area = issuer[-3:]
    doc = make_doc(f"各位代表：\n{area}经济稳步增长，我区与兄弟地区共同发展。", header="", upto="mentions", issuer=issuer)
    assert doc.meta.issuer_code == code
    assert {m.code for m in doc.mentions if m.text == area} == {code}
    assert {m.code for m in doc.mentions if m.text == "我区"} == {code}


def test_mentions_short_form_of_an_area_in_the_issuers_province(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("各位代表：\n我区与门头沟签订合作协议，支持门头沟发展。", header="", upto="mentions", issuer="北京市西城区")
    assert [(m.text, m.code) for m in doc.mentions if m.text.startswith("门头沟")] == [("门头沟", "110109")] * 2


def test_mentions_a_quoted_area_and_its_people_are_a_volunteer_force(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("各位代表：\n发挥“西城大妈”“朝阳群众”等群防群治力量作用，依靠“人民群众”。", header="", upto="mentions",
                   issuer="北京市西城区")
    kept = {(m.text, m.label.value) for m in doc.mentions if m.rule != "nested"}
    assert {("“西城大妈”", O), ("“朝阳群众”", O)} <= kept
    assert not {text for text, _ in kept} & {"西城", "朝阳", "“人民群众”", "人民群众"}


def test_mentions_the_issuers_townships_listed_by_their_stems(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("各位代表：\n美丽乡村开启新征程，安阳、白云撤乡建镇。白云生态良好。", header="", upto="mentions",
                   issuer="河北省保定市顺平县")
    areas = [(m.text, m.name) for m in doc.mentions if m.label.value == A]
    assert areas == [("安阳", "安阳乡"), ("白云", "白云乡")]  # a stem alone, outside a list, is no township


def test_mentions_short_form_tagged_as_place_name(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("各位代表：\n推动门头沟区、延庆发展。", header="", upto="mentions", issuer="北京市西城区")
    assert [(m.text, m.code) for m in doc.mentions if m.rule == "gazetteer"] == [("门头沟区", "110109"), ("延庆", "110119")]


def test_mentions_same_named_issuer_is_resolved_by_the_text(make_doc) -> None:  # type: ignore[no-untyped-def]
    """The header says only 朝阳区; the text names its city."""
    text = "各位代表：\n朝阳区地处长春市中心，长春市委、长春市政府给予大力支持，长春各界共同努力。"
    doc = make_doc(text, header="", upto="mentions", issuer="朝阳区")
    assert doc.meta.issuer_code == "220104"


def test_mentions_glossary_terms_are_found(make_doc) -> None:  # type: ignore[no-untyped-def]
    text = ("我们着力培育县域特色产业集群，成效明显。\n名词解释：\n"
            "1.县域特色产业集群：指以县域为单元、围绕一个主导产业形成的企业集聚。\n")
    doc = make_doc(text, upto="mentions")
    hits = [m for m in doc.mentions if m.rule == "glossary"]
    assert [m.text for m in hits] == ["县域特色产业集群", "县域特色产业集群"]


def test_mentions_glossary_terms_keep_their_quotes_balanced(make_doc) -> None:  # type: ignore[no-untyped-def]
    """A term glossed without quotes may be quoted in part in the text; a note on a character is no term."""
    text = ("获评全省首批城乡客运“畅行工程”示范县，制作传统䊀（zhǎ）。\n名词解释：\n"
            "1.城乡客运畅行工程：指乡镇和建制村通客车的提质升级工程。\n2.䊀（zhǎ）：一种米制食品。\n")
    doc = make_doc(text, upto="mentions")
    hits = [m.text for m in doc.mentions if m.rule == "glossary"]
    assert hits == ["城乡客运“畅行工程”", "城乡客运畅行工程"]


def test_mentions_glossary_counts_of_a_kind_are_no_terms(make_doc) -> None:  # type: ignore[no-untyped-def]
    text = ("创建3个绿色社区〔4〕。\n名词解释：\n4.3个绿色社区：指节能、环保的社区。\n")
    doc = make_doc(text, upto="mentions")
    assert [m.text for m in doc.mentions if m.rule == "glossary"] == []


def test_mentions_speaker_from_the_header_is_a_person(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("县长赵明远同志出席会议。", upto="mentions")
    people = {m.text for m in doc.mentions if m.label.value == PE}
    assert people == {"赵明远"}
    assert sum(1 for m in doc.mentions if m.text == "赵明远") == 2  # header and body


def test_mentions_pronouns_before_the_body_are_not_issuer_mentions(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("我县经济稳步增长。", upto="mentions")
    coref = [m for m in doc.mentions if m.rule == "coref"]
    assert coref and all(m.start >= doc.meta.header_end for m in coref)


def test_mentions_areas_nested_in_a_name_are_kept_as_nested(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("涞源县人民医院新院区投入使用。", upto="mentions")
    nested = [m for m in doc.mentions if m.rule == "nested"]
    assert [(m.text, m.code) for m in nested if m.start >= doc.meta.header_end] == [("涞源县", "130630")]


@pytest.mark.parametrize(
    ("text", "name", "label", "times"),
    [
        # a body or place the report has named once is named again where it recurs bare
        ("引进东方钛业、龙佰集团等企业。东方钛业扩能项目投产。", "东方钛业", O, 2),
        ("新增认定西板桥、山左会馆等8处区级文物。加强西板桥遗址保护。", "西板桥", PL, 2),
        # …but not inside a longer word, and a programme's words are not a name elsewhere
        ("支持西柳村、东柳村发展。西柳村民收入增长。", "西柳村", PL, 1),
        ("实施乡村振兴工程。乡村振兴工程师队伍不断壮大。", "乡村振兴工程", P, 1),
    ],
)
def test_mentions_a_name_given_once_is_the_same_name_where_it_recurs(make_doc, text: str, name: str, label: str,  # type: ignore[no-untyped-def]
                                                                     times: int) -> None:
    doc = make_doc(text, upto="mentions")
    found = [m for m in doc.mentions if m.text == name and m.label.value == label and m.rule != "nested"]
    assert len(found) == times, [(m.text, m.label.value, m.rule) for m in doc.mentions]


def test_mentions_are_sorted_and_do_not_overlap(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(TINY.read_text(encoding="utf-8"), header="", upto="mentions")
    kept = [m for m in doc.mentions if m.rule != "nested"]
    assert [(m.start, m.end) for m in doc.mentions] == sorted((m.start, m.end) for m in doc.mentions)
    assert all(a.end <= b.start for a, b in zip(kept, kept[1:]))


@pytest.mark.parametrize(
    ("issuer", "text", "code"),
    [
        ("锡林郭勒盟正蓝旗", "我旗与多伦县签订合作协议，全旗经济增长，旗政府大力支持。", "152530"),
        ("安国市", "我市与安平县签订合作协议，全市经济增长，市政府大力支持，本市发展。", "130683"),
        ("河北省", "我省与山西省签订合作协议，全省经济增长，省政府大力支持。", "130000"),
        ("北京市西城区", "我区与门头沟区签订合作协议，全区经济增长，区政府大力支持，本区发展。", "110102"),
        ("天津市", "我市与河北省签订合作协议，全市经济增长，市政府大力支持。", "120000"),
    ],
)
def test_mentions_issuer_pronouns_of_every_level(make_doc, issuer: str, text: str, code: str) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(f"各位代表：\n{text}", header="", upto="mentions", issuer=issuer)
    assert doc.meta.issuer_code == code
    pronouns = [m for m in doc.mentions if m.rule == "coref"]
    assert len(pronouns) >= 3 and {m.code for m in pronouns} == {code}
    assert not any(m.code == code and m.rule == "gazetteer" for m in doc.mentions)
